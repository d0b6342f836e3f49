#include <csignal>

#include <QFile>
#include <QImage>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/resource.h>

#include "ImageExport.h"
#include "Qcp.h"
#include "UiTestMain.h"

using namespace corelab::ui;

namespace {

// Noise does not compress: its PNG is larger than the file-size limit below.
QImage noise(int side)
{
    QImage image(side, side, QImage::Format_ARGB32);
    QRandomGenerator random(42);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x)
            image.setPixel(x, y, random.generate());
    return image;
}

QByteArray contents(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeContents(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// A full disk without a mount: writes past `bytes` fail with EFBIG while it lives.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &old_);
        handler_ = std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit small = old_;
        small.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &small);
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &old_);
        std::signal(SIGXFSZ, handler_);
    }

private:
    struct rlimit old_ {};
    void (*handler_)(int) = nullptr;
};

void paintSomething(QCPPainter& p)
{
    p.drawText(QPointF(20, 20), QStringLiteral("CoreLab"));
    p.drawLine(QPointF(0, 0), QPointF(100, 100));
}

} // namespace

class TstImageExport : public QObject {
    Q_OBJECT
private slots:
    void aFailedPngWriteKeepsThePreviousImage()
    {
        const QString path = dir_.filePath(QStringLiteral("timeline.png"));
        const QByteArray previous = "the previous image";
        writeContents(path, previous);
        QString error;
        {
            FileSizeLimit limit(64 * 1024);
            error = savePngImage(noise(400), path);
        }
        QVERIFY2(error.contains(path), qPrintable(error));
        QCOMPARE(contents(path), previous);
        for (const QString& name : QDir(dir_.path()).entryList(QDir::Files | QDir::Hidden))
            QVERIFY2(!name.contains(u".tmp-"), qPrintable(name)); // no temp file left behind
    }
    void aPngIsWrittenWhole()
    {
        const QString path = dir_.filePath(QStringLiteral("whole.png"));
        const QImage image = noise(64);
        QCOMPARE(savePngImage(image, path), QString());
        QCOMPARE(QImage(path).convertToFormat(QImage::Format_ARGB32), image);
    }
    void aPdfOnAFullDeviceIsAnErrorNotWrote()
    {
        const QString error =
            writePdfPage(QStringLiteral("/dev/full"), QSizeF(200, 100), 72, paintSomething);
        QVERIFY2(error.contains(u"/dev/full"), qPrintable(error));
        QVERIFY2(error.contains(u"No space left on device"), qPrintable(error));
    }
    void aFailedPdfWriteKeepsThePreviousFile()
    {
        const QString path = dir_.filePath(QStringLiteral("sheet.pdf"));
        const QByteArray previous = "the previous sheet";
        writeContents(path, previous);
        QString error;
        {
            FileSizeLimit limit(200);
            error = writePdfPage(path, QSizeF(200, 100), 72, paintSomething);
        }
        QVERIFY2(error.contains(path), qPrintable(error));
        QCOMPARE(contents(path), previous);
    }
    void aPdfIsWrittenWhole()
    {
        const QString path = dir_.filePath(QStringLiteral("page.pdf"));
        QCOMPARE(writePdfPage(path, QSizeF(200, 100), 72, paintSomething), QString());
        const QByteArray pdf = contents(path);
        QVERIFY(pdf.startsWith("%PDF"));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    }

private:
    QTemporaryDir dir_;
};

CORELAB_UI_TEST(TstImageExport)
#include "tst_imageexport.moc"
