#include "TableTab.h"

#include <algorithm>
#include <memory>

#include <utility>

#include <QCheckBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "Qcp.h"

#include "Handout.h"
#include "ImageExport.h"
#include "Text.h"

namespace corelab::ui {

namespace {

// Narrower than this and an exported table wraps every verdict into a tall column.
constexpr int kMinExportWidth = 1200;

// A tint of the highlight colour: visible in light and dark themes, never loud.
QColor winnerTint(const QPalette& palette)
{
    QColor tint = palette.color(QPalette::Highlight);
    tint.setAlpha(45);
    return tint;
}

using C = TableTab::Column;

// The columns of fixed width and their width in average characters at full size.
constexpr std::pair<C, int> kFixedColumns[] = {{C::Aspect, 22}, {C::Claim, 30},  {C::A, 24},
                                               {C::B, 24},      {C::Winner, 18}, {C::Agrees, 13}};
// The reason keeps at least this many characters: below it every row grows very tall.
constexpr int kWhyChars = 34;
// An exported table's fixed columns grow up to this much past their full width.
constexpr double kExportMaxShare = 2.0;
// No fixed column wraps narrower than this many characters, nor than its header.
constexpr int kMinColumnChars = 9;

// The fixed columns at their full width where the table has room; in a narrow window
// they give up width in proportion, so the reason (the stretched column) keeps enough to
// be read in a few lines. A picture may widen them up to maxShare times.
void fitColumns(QTableView* t, double maxShare = 1.0)
{
    const int ch = t->fontMetrics().averageCharWidth();
    int preferred = 0;
    for (auto [c, chars] : kFixedColumns)
        preferred += chars * ch;
    const int room = t->viewport()->width() - kWhyChars * ch;
    const double share = std::clamp(static_cast<double>(room) / preferred, 0.0, maxShare);
    auto* h = t->horizontalHeader();
    const QFontMetrics headerFm(h->font());
    const int margins = 2 * h->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, h);
    for (auto [c, chars] : kFixedColumns) {
        const QString title = t->model()->headerData(c, Qt::Horizontal).toString();
        const int floor =
            std::max(kMinColumnChars * ch, headerFm.horizontalAdvance(title) + margins);
        // the winner and the agreement are a few words: past full width the reason needs
        // the room more
        const bool short_ = c == C::Winner || c == C::Agrees;
        t->setColumnWidth(
            c, std::max(floor,
                        static_cast<int>(chars * ch * (short_ ? std::min(share, 1.0) : share))));
    }
}

void setupTable(QTableView* t, TableModel* model)
{
    t->setModel(model);
    t->verticalHeader()->hide();
    t->setWordWrap(true);
    t->setTextElideMode(Qt::ElideNone);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    auto* h = t->horizontalHeader();
    h->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // the claim, the answers and the winner wrap in columns of fixed width so the
    // reason gets the rest
    h->setSectionResizeMode(C::Why, QHeaderView::Stretch);
    for (auto [c, chars] : kFixedColumns)
        h->setSectionResizeMode(c, QHeaderView::Interactive);
    fitColumns(t);
}

// Rows as tall as their wrapped text, with some air between them.
void fitRows(QTableView* t)
{
    t->resizeRowsToContents();
    const int air = t->fontMetrics().height() / 2;
    for (int r = 0; r < t->model()->rowCount(); ++r)
        t->setRowHeight(r, t->rowHeight(r) + air);
}

QStringList exportHeader(const QString& caption)
{
    return {TableTab::tr("The article's table, measured here"), caption,
            TableTab::tr("Each side runs several times, A and B alternating: the median with "
                         "the lowest and highest; a winner only where the ranges do not "
                         "overlap.")};
}

// The export's header lines, each wrapped to the table's width as every picture caption is.
int headerHeight(const QTableView& t, const QString& caption)
{
    return wrappedHeight(captionTexts(exportHeader(caption), t.font()), t.width() - 16) + 16;
}

// A second view showing every row without scroll bars, sized for export; on the tab's
// own model, so the image holds exactly what the tab shows.
std::unique_ptr<QTableView> exportCopy(TableModel* model, const QWidget& from, int width)
{
    auto t = std::make_unique<QTableView>();
    t->setAttribute(Qt::WA_DontShowOnScreen);
    t->setPalette(from.palette());
    t->setFont(from.font());
    t->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    t->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setupTable(t.get(), model);
    t->resize(width, 400);
    t->show();
    // set up at the default size: the export's width is known now. A wide picture widens
    // the answers too, so rows take fewer lines and the text can be drawn larger
    fitColumns(t.get(), kExportMaxShare);
    // the header sizes stretched and fitted columns on a timer; rows must wrap at the
    // final widths now
    QMetaObject::invokeMethod(t->horizontalHeader(), "resizeSections", Qt::DirectConnection);
    fitRows(t.get());
    int height = t->horizontalHeader()->height() + 2 * t->frameWidth();
    for (int r = 0; r < model->rowCount(); ++r)
        height += t->rowHeight(r);
    t->resize(width, height);
    return t;
}

void paintExport(QPainter& p, QTableView& t, const QString& caption, const QPalette& palette)
{
    const int headerH = headerHeight(t, caption);
    p.fillRect(QRect(0, 0, t.width(), headerH), palette.color(QPalette::Window));
    double y = 4;
    paintWrapped(p, captionTexts(exportHeader(caption), t.font()), 8, y, t.width() - 16,
                 palette.color(QPalette::WindowText));
    t.render(&p, QPoint(0, headerH));
}

} // namespace

TableTab::TableTab(QWidget* parent)
    : QWidget(parent)
    , progress_(new QProgressBar(this))
    , now_(new QLabel(this))
    , model_(new TableModel(this))
    , table_(new QTableView(this))
    , caption_(new QLabel(this))
    , fitLater_(new QTimer(this))
{
    setupTable(table_, model_);
    model_->setWinnerBackground(winnerTint(palette()));
    caption_->setWordWrap(true);
    caption_->setForegroundRole(QPalette::PlaceholderText);
    caption_->hide();
    progress_->setTextVisible(false);
    progress_->setMaximumWidth(160);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(buildToolbar());
    layout->addWidget(table_, 1);
    layout->addWidget(caption_);
    // the header signals a resize before it has moved its sections: fit the rows once
    // it is done, however many sections changed
    fitLater_->setSingleShot(true);
    fitLater_->setInterval(0);
    connect(fitLater_, &QTimer::timeout, table_, [this] { fitRows(table_); });
    connect(table_->horizontalHeader(), &QHeaderView::sectionResized, fitLater_,
            qOverload<>(&QTimer::start));
    // a narrower window or a larger font (presentation mode) fits the columns again
    table_->viewport()->installEventFilter(this);
    connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (auto c = comparisonOf(index.row())) emit rowOpened(*c);
    });
    setProgress(0, 0, {});
}

QWidget* TableTab::buildToolbar()
{
    auto* bar = new QWidget(this);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    start_ = new QPushButton(tr("Measure the whole table"), bar);
    const TableOptions full = tableOptions(false), quick = tableOptions(true);
    start_->setToolTip(tr("Runs every preset's A and B %1 times each, alternating (%2 s per run)")
                           .arg(full.repeats)
                           .arg(full.runS));
    quick_ = new QCheckBox(
        tr("Quick (%1 runs per side of %2 s)").arg(quick.repeats).arg(quick.runS), bar);
    connect(start_, &QPushButton::clicked, this, &TableTab::onStartClicked);
    report_ = new QPushButton(tr("Save Report…"), bar);
    report_->setToolTip(tr("A lab handout of the table on show (PDF): a cover with the "
                           "machine, the table, and a page per row with its two timelines"));
    report_->setEnabled(false);
    connect(report_, &QPushButton::clicked, this, &TableTab::reportRequested);
    row->addWidget(start_);
    row->addWidget(quick_);
    row->addSpacing(12);
    row->addWidget(progress_);
    row->addWidget(now_, 1);
    row->addWidget(report_);
    return bar;
}

void TableTab::onStartClicked()
{
    if (running_)
        emit stopRequested();
    else
        emit startRequested(quick_->isChecked());
}

void TableTab::setRows(const std::vector<TableRow>& rows)
{
    rows_ = rows;
    model_->setRows(rows);
    fitRows(table_);
    updateReportButton();
}

bool TableTab::canSaveReport() const
{
    return !rows_.empty() && !running_ && !savingReport_;
}

void TableTab::updateReportButton()
{
    const bool can = canSaveReport();
    if (report_->isEnabled() == can) return;
    report_->setEnabled(can);
    emit reportAvailable(can);
}

void TableTab::saveReport(const QString& path)
{
    if (!canSaveReport()) {
        emit reportSaved(path, tr("%1: measure the table first, and let it finish").arg(path));
        return;
    }
    savingReport_ = true;
    updateReportButton();
    auto* saver = new HandoutSaver(rows_, options_, path, this);
    connect(saver, &HandoutSaver::finished, this, [this](const QString& p, const QString& error) {
        savingReport_ = false;
        updateReportButton();
        emit reportSaved(p, error);
    });
    saver->start();
}

std::optional<Comparison> TableTab::comparisonOf(int row) const
{
    if (row < 0 || row >= static_cast<int>(rows_.size())) return std::nullopt;
    const TableRow& r = rows_[static_cast<std::size_t>(row)];
    if (!r.aRun || !r.bRun) return std::nullopt;
    return Comparison{*r.aRun, *r.bRun, compareRuns(*r.aRun, *r.bRun), presetNote(r.preset)};
}

void TableTab::setProgress(int done, int total, const QString& now)
{
    const bool busy = total > 0 && done < total;
    progress_->setRange(0, std::max(total, 1));
    progress_->setValue(std::clamp(done, 0, std::max(total, 1)));
    now_->setText(tr("measuring %1/%2: %3").arg(done + 1).arg(total).arg(now));
    progress_->setVisible(busy);
    now_->setVisible(busy);
}

void TableTab::setRunning(bool running)
{
    running_ = running;
    start_->setText(running ? tr("Stop") : tr("Measure the whole table"));
    quick_->setEnabled(!running);
    updateReportButton();
}

void TableTab::setCaption(const QString& caption)
{
    caption_->setText(caption);
    caption_->setVisible(!caption.isEmpty());
}

void TableTab::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) model_->setWinnerBackground(winnerTint(palette()));
    if (event->type() == QEvent::FontChange) fitColumns(table_);
    QWidget::changeEvent(event);
}

bool TableTab::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == table_->viewport() && event->type() == QEvent::Resize) fitColumns(table_);
    return QWidget::eventFilter(watched, event);
}

QImage TableTab::renderImage(double scale)
{
    const auto copy = exportCopy(model_, *this, std::max(table_->width(), kMinExportWidth));
    const QSize size(copy->width(), copy->height() + headerHeight(*copy, caption_->text()));
    QImage image((QSizeF(size) * scale).toSize(), QImage::Format_ARGB32);
    image.fill(palette().color(QPalette::Window));
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.scale(scale, scale);
    paintExport(p, *copy, caption_->text(), palette());
    p.end();
    return image;
}

double TableTab::paintTable(QPainter& p, const QSizeF& area)
{
    // a wider table wraps into fewer lines: take the width that leaves the text largest
    std::unique_ptr<QTableView> best;
    double bestScale = 0;
    for (int width = kMinExportWidth; width <= 2200; width += 100) {
        auto copy = exportCopy(model_, *this, width);
        const QSizeF size(copy->width(), copy->height() + headerHeight(*copy, caption_->text()));
        // a short table grows to fill a page, but no more than a reader needs
        const double scale =
            std::min({1.6, area.width() / size.width(), area.height() / size.height()});
        if (scale > bestScale + 1e-6) {
            bestScale = scale;
            best = std::move(copy);
        }
    }
    p.save();
    p.scale(bestScale, bestScale);
    paintExport(p, *best, caption_->text(), palette());
    p.restore();
    return bestScale;
}

QString TableTab::saveImage(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) return savePngImage(renderImage(2.0), path);
    if (suffix != QLatin1String("pdf")) return tr("use a .png or .pdf file name");
    const auto copy = exportCopy(model_, *this, std::max(table_->width(), kMinExportWidth));
    const QSize size(copy->width(), copy->height() + headerHeight(*copy, caption_->text()));
    // one device pixel per logical pixel, so fonts keep their size against the cells
    return writePdfPage(path, QSizeF(size), copy->logicalDpiX(),
                        [&](QCPPainter& p) { paintExport(p, *copy, caption_->text(), palette()); });
}

} // namespace corelab::ui
