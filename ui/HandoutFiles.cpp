// The handout's files: the PDF built a step at a time, the slides, and the window's
// saver that keeps the GUI thread free.
#include <QApplication>
#include <QBuffer>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

#include "Qcp.h"

#include "Handout.h"
#include "ImageExport.h"

namespace corelab::ui {

HandoutPdf::HandoutPdf(Handout& handout)
    : handout_(handout)
    , buffer_(std::make_unique<QBuffer>(&bytes_))
{
    buffer_->open(QIODevice::WriteOnly);
    writer_ = std::make_unique<QPdfWriter>(buffer_.get());
    writer_->setResolution(handout_.dpi());
    writer_->setPageLayout(
        QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(0, 0, 0, 0)));
    writer_->setCreator(QStringLiteral("CoreLab"));
    writer_->setTitle(QStringLiteral("Threads or processes? The article, checked on this machine"));
}

HandoutPdf::~HandoutPdf() = default;

bool HandoutPdf::step()
{
    if (page_ >= handout_.pages()) return false;
    if (!prepared_) {
        handout_.prepare(page_);
        prepared_ = true;
        return true;
    }
    if (!painter_) {
        painter_ = std::make_unique<QCPPainter>();
        if (!painter_->begin(writer_.get())) return false;
        painter_->setMode(QCPPainter::pmVectorized);
    } else {
        writer_->newPage();
    }
    const QRect device = writer_->pageLayout().paintRectPixels(writer_->resolution());
    const double scale = device.width() / static_cast<double>(Handout::kPage.width());
    painter_->save();
    painter_->scale(scale, scale);
    handout_.paint(*painter_, page_, QSizeF(device.size()) / scale, false);
    painter_->restore();
    ++page_;
    prepared_ = false;
    return page_ < handout_.pages();
}

QByteArray HandoutPdf::finish(QString& error)
{
    if (!painter_ || page_ < handout_.pages()) {
        error = QStringLiteral("the PDF has no pages");
        return {};
    }
    if (!painter_->end()) {
        error = QStringLiteral("cannot finish the PDF");
        return {};
    }
    writer_.reset();
    return bytes_;
}

QString saveHandoutPdf(Handout& handout, const QString& path)
{
    HandoutPdf pdf(handout);
    while (pdf.step())
        QCoreApplication::processEvents();
    QString error;
    const QByteArray bytes = pdf.finish(error);
    if (!error.isEmpty()) return path % QStringLiteral(": ") % error;
    return writeFileAtomically(path, bytes);
}

QStringList handoutSlideNames(const QString& out, int pages)
{
    QString base = out;
    if (base.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) base.chop(4);
    QStringList names;
    for (int i = 1; i <= pages; ++i)
        names << base % QStringLiteral("-") % QStringLiteral("%1").arg(i, 2, 10, QLatin1Char('0')) %
                     QStringLiteral(".png");
    return names;
}

QString saveHandoutSlides(Handout& handout, const QString& out)
{
    const QStringList names = handoutSlideNames(out, handout.pages());
    const double scale = Handout::kSlidePixels.width() / double(Handout::kSlideLayout.width());
    for (int page = 0; page < handout.pages(); ++page) {
        handout.prepare(page);
        QCoreApplication::processEvents();
        QImage image(Handout::kSlidePixels, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QCPPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::TextAntialiasing);
        p.scale(scale, scale);
        handout.paint(p, page, QSizeF(Handout::kSlideLayout), true);
        p.end();
        if (const QString error = savePngImage(image, names[page]); !error.isEmpty()) return error;
    }
    return {};
}

HandoutSaver::HandoutSaver(std::vector<TableRow> rows, TableOptions options, QString path,
                           QObject* parent)
    : QObject(parent)
    , path_(std::move(path))
    , handout_(std::make_unique<Handout>(std::move(rows), options))
    , pdf_(std::make_unique<HandoutPdf>(*handout_))
    , timer_(new QTimer(this))
{
    // one step per turn of the event loop: the window stays responsive between pages
    timer_->setInterval(0);
    connect(timer_, &QTimer::timeout, this, &HandoutSaver::step);
}

HandoutSaver::~HandoutSaver() = default;

void HandoutSaver::start()
{
    timer_->start();
}

void HandoutSaver::step()
{
    if (pdf_->step()) return;
    timer_->stop();
    QString error;
    QByteArray bytes = pdf_->finish(error);
    pdf_.reset();
    handout_.reset();
    if (!error.isEmpty()) return written(path_ % QStringLiteral(": ") % error);
    QPointer<HandoutSaver> self(this);
    QThreadPool::globalInstance()->start([self, path = path_, bytes = std::move(bytes)] {
        const QString error = writeFileAtomically(path, bytes);
        QMetaObject::invokeMethod(qApp, [self, error] {
            if (self) self->written(error);
        });
    });
}

void HandoutSaver::written(const QString& error)
{
    emit finished(path_, error);
    deleteLater();
}

} // namespace corelab::ui
