#include "Handout.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QApplication>
#include <QDateTime>
#include <QFontMetrics>
#include <QStyle>

#include "Qcp.h"

#include "CompareTab.h"
#include "ImageExport.h"
#include "TableTab.h"
#include "Text.h"
#include "analysis/Compare.h"

namespace corelab::ui {

namespace {

constexpr double kMargin = 24;

QFont sized(const QFont& base, double factor, bool bold = false)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * factor);
    f.setBold(bold);
    return f;
}

// Text laid down a page from the top, each paragraph wrapped at the page's width.
struct Flow {
    QPainter& p;
    double x, y, width;

    static double heightOf(const QString& text, const QFont& font, double width)
    {
        return QFontMetrics(font)
            .boundingRect(QRect(0, 0, static_cast<int>(width), 100000), Qt::TextWordWrap, text)
            .height();
    }
    void para(const QString& text, const QFont& font, const QColor& colour, double after = 4)
    {
        if (text.isEmpty()) return;
        const double h = heightOf(text, font, width);
        p.setFont(font);
        p.setPen(colour);
        p.drawText(QRectF(x, y, width, h), Qt::AlignLeft | Qt::TextWordWrap, text);
        y += h + after;
    }
};

// Printed on white whatever the window's theme: the page is for paper and projectors.
const QColor kInk(0x20, 0x20, 0x20);
const QColor kGrey(0x60, 0x60, 0x60);

QColor agreementColour(Agreement a)
{
    switch (a) {
    case Agreement::Agrees:
        return {0x1b, 0x7a, 0x2f};
    case Agreement::Differs:
        return {0xb3, 0x26, 0x1e};
    case Agreement::Tie:
        return {0x8a, 0x6d, 0x00};
    default:
        return kGrey;
    }
}

QString verdictWords(const TableRow& r)
{
    switch (r.agreement) {
    case Agreement::Agrees:
        return Handout::tr("Agrees with the article: %1 won here").arg(qs(r.winner));
    case Agreement::Differs:
        return Handout::tr("Differs from the article: %1 won here").arg(qs(r.winner));
    case Agreement::Tie:
        return Handout::tr("A tie: the two ranges overlap, so no winner is called");
    case Agreement::NoClaim:
        return r.winner.empty()
                   ? Handout::tr("No winner, and the article names none")
                   : Handout::tr("%1 won here; the article names no winner").arg(qs(r.winner));
    default:
        return Handout::tr("Not measured");
    }
}

// The first run of the table that was kept whole: where and when it was measured.
const RunRecord* firstRun(const std::vector<TableRow>& rows)
{
    for (const TableRow& r : rows)
        if (r.aRun) return &*r.aRun;
    return nullptr;
}

// "other programs kept up to 1.4 cores busy; measured under load: Memory usage, I/O"
QString otherLoadText(const std::vector<TableRow>& rows)
{
    double most = std::numeric_limits<double>::quiet_NaN();
    QStringList crowded;
    for (const TableRow& r : rows) {
        for (const TableSide* s : {&r.a, &r.b})
            if (!std::isnan(s->otherLoad))
                most = std::isnan(most) ? s->otherLoad : std::max(most, s->otherLoad);
        if (r.a.crowdedRuns + r.b.crowdedRuns > 0) crowded << qs(r.preset.aspect);
    }
    if (std::isnan(most)) return Handout::tr("not measured");
    QString text = Handout::tr("other programs kept up to %1 cores busy during a run")
                       .arg(QString::number(most, 'f', 1));
    if (crowded.isEmpty())
        return text + Handout::tr("; they took no cores any row's workers needed");
    return text % Handout::tr("; rows measured under load (their workers lost cores to it): ") %
           crowded.join(QStringLiteral(", "));
}

} // namespace

Handout::Handout(std::vector<TableRow> rows, TableOptions options)
    : rows_(std::move(rows))
    , options_(options)
    , compare_(std::make_unique<CompareTab>())
    , table_(std::make_unique<TableTab>())
{
    // light whatever the theme: a handout is printed
    const QPalette light = QApplication::style()->standardPalette();
    for (QWidget* w :
         {static_cast<QWidget*>(compare_.get()), static_cast<QWidget*>(table_.get())}) {
        w->setAttribute(Qt::WA_DontShowOnScreen);
        w->setPalette(light);
    }
    compare_->resize(CompareTab::kPageSize);
    compare_->show();
    table_->setRows(rows_);
    if (const RunRecord* run = firstRun(rows_))
        table_->setCaption(
            tr("%1 runs per side · %2").arg(options_.repeats).arg(captionLines(*run).value(1)));
}

Handout::~Handout() = default;

int Handout::dpi() const
{
    return compare_->logicalDpiY();
}

void Handout::prepare(int page)
{
    const int row = page - 2;
    if (row < 0 || row >= static_cast<int>(rows_.size()) || prepared_ == page) return;
    const TableRow& r = rows_[static_cast<std::size_t>(row)];
    prepared_ = page;
    if (!r.aRun || !r.bRun) return;
    compare_->setComparison(Comparison{*r.aRun, *r.bRun, compareRuns(*r.aRun, *r.bRun)});
    compare_->setShownPreset(presetNote(r.preset));
}

void Handout::paint(QCPPainter& p, int page, const QSizeF& logical, bool slide)
{
    p.fillRect(QRectF(QPointF(0, 0), logical), Qt::white);
    if (page == 0)
        paintCover(p, logical, slide);
    else if (page == 1)
        paintTable(p, logical, slide);
    else
        paintRow(p, page - 2, logical, slide);
    const QFont small = sized(compare_->font(), slide ? 1.0 : 0.85);
    p.setFont(small);
    p.setPen(kGrey);
    const double lineH = QFontMetrics(small).lineSpacing();
    p.drawText(QRectF(kMargin, logical.height() - lineH - 6, logical.width() - 2 * kMargin, lineH),
               Qt::AlignRight | Qt::AlignVCenter,
               tr("CoreLab · threads vs processes, measured · %1 / %2").arg(page + 1).arg(pages()));
}

void Handout::paintCover(QCPPainter& p, const QSizeF& logical, bool slide) const
{
    const QFont base = sized(compare_->font(), slide ? 1.5 : 1.6);
    Flow f{p, kMargin * 2, kMargin * 2, logical.width() - 4 * kMargin};
    f.para(tr("Threads or processes? The article, checked on this machine"), sized(base, 1.8, true),
           kInk, 12);
    f.para(tr("Each row of the article's comparison table (its “When It Wins” column) was "
              "measured here as two experiments, A and B, run %1 times each, alternating, "
              "%2 s per run or longer where a row needs it. A winner is called only where the "
              "ranges of the runs do not overlap.")
               .arg(options_.repeats)
               .arg(options_.runS),
           base, kInk, 16);
    int agrees = 0, claims = 0;
    for (const TableRow& r : rows_)
        if (r.claim && !r.claim->row.empty()) {
            ++claims;
            agrees += r.agreement == Agreement::Agrees;
        }
    f.para(tr("Agrees with the article on %1 of the %2 table rows measured here.")
               .arg(agrees)
               .arg(claims),
           sized(base, 1.3, true), kInk, 16);
    const RunRecord* run = firstRun(rows_);
    const auto line = [&](const QString& label, const QString& value) {
        f.para(label % QStringLiteral(": ") % value, base, kInk, 2);
    };
    if (run) {
        const MachineInfo& m = run->machine;
        line(tr("Machine"), qs(m.hostname));
        line(tr("CPU"), qs(m.cpuModel));
        line(tr("Cores"), tr("%1 logical CPUs, %2 usable").arg(m.logicalCpus).arg(m.usableCpus));
        line(tr("Kernel"), tr("Linux %1").arg(qs(m.kernel)));
        line(tr("Measured"), tr("from %1 (UTC)").arg(qs(run->startedAt)));
        line(tr("CoreLab"), qs(run->corelabVersion));
    }
    line(tr("Handout made"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    line(tr("Other load"), otherLoadText(rows_));
    f.y += 12;
    f.para(tr("Rows"), sized(base, 1.1, true), kInk, 4);
    const QFont list = sized(base, rows_.size() > 8 ? 0.8 : 0.9);
    // two columns when one would run into the footer (a slide is shorter than a page)
    const double lineH = QFontMetrics(list).lineSpacing();
    const double room = logical.height() - f.y - 2 * lineH;
    const std::size_t perColumn =
        lineH * static_cast<double>(rows_.size()) > room ? (rows_.size() + 1) / 2 : rows_.size();
    const double top = f.y, columnW = f.width / 2;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        const TableRow& r = rows_[i];
        if (i == perColumn) {
            f.x += columnW;
            f.y = top;
        }
        const QString where = slide ? tr("slide %1").arg(i + 3) : tr("page %1").arg(i + 3);
        p.setFont(list);
        p.setPen(agreementColour(r.agreement));
        p.drawText(QRectF(f.x, f.y, columnW, lineH), Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetrics(list).elidedText(
                       tr("%1 · %2 · %3").arg(where, qs(r.preset.aspect), qs(agreementText(r))),
                       Qt::ElideRight, static_cast<int>(columnW - 8)));
        f.y += lineH;
    }
}

void Handout::paintTable(QCPPainter& p, const QSizeF& logical, bool slide)
{
    const double lineH = QFontMetrics(sized(compare_->font(), slide ? 1.0 : 0.85)).lineSpacing();
    p.save();
    p.translate(kMargin / 2, kMargin / 2);
    table_->paintTable(p, QSizeF(logical.width() - kMargin, logical.height() - kMargin - lineH));
    p.restore();
}

void Handout::paintRow(QCPPainter& p, int index, const QSizeF& logical, bool slide)
{
    const TableRow& r = rows_.at(static_cast<std::size_t>(index));
    const QFont base = sized(compare_->font(), slide ? 1.3 : 1.1);
    const double width = logical.width() - 2 * kMargin;
    const QFont headline = sized(base, 1.5, true), verdict = sized(base, 1.25, true);
    QStringList lines;
    if (r.claim) lines << tr("The article: %1").arg(qs(claimText(*r.claim)));
    lines << tr("%1 over the runs: %2: %3 · %4: %5")
                 .arg(qs(r.figure), qs(r.a.label), qs(sideText(r, r.a)), qs(r.b.label),
                      qs(sideText(r, r.b)));
    if (!r.reason.empty()) lines << tr("Why: %1").arg(qs(r.reason));
    if (!slide && !r.preset.watch.empty()) lines << tr("What to watch: %1").arg(qs(r.preset.watch));
    QString pictured;
    if (r.aRun && r.bRun) {
        // a speed-up row ran every repeat at each worker count: it pictures the most
        const bool speedUp = r.preset.table.answer == TableAnswer::SpeedUp;
        pictured = tr("Pictured: %1 run %2 of %3 and %4 run %5 of %6%7, each side's run "
                      "nearest its median; the figures under the picture are over all runs.")
                       .arg(qs(r.a.label))
                       .arg(r.aRepeat)
                       .arg(speedUp ? options_.repeats : r.a.runs)
                       .arg(qs(r.b.label))
                       .arg(r.bRepeat)
                       .arg(speedUp ? options_.repeats : r.b.runs)
                       .arg(speedUp ? tr(", at %1 workers").arg(r.aRun->spec.workers) : QString());
    }
    const QFont small = sized(base, 0.9);
    const QString answer = tr("Over all runs: %1").arg(qs(r.headline));
    double block = Flow::heightOf(answer, headline, width) +
                   Flow::heightOf(verdictWords(r), verdict, width) + 12;
    for (const QString& l : lines)
        block += Flow::heightOf(l, base, width) + 3;
    if (!pictured.isEmpty()) block += Flow::heightOf(pictured, small, width) + 3;
    const double footer =
        QFontMetrics(sized(compare_->font(), slide ? 1.0 : 0.85)).lineSpacing() + 8;
    const double pictureH = std::max(200.0, logical.height() - block - footer - 8);
    bool drawn = false;
    // the verdict's other rows stay in the Compare tab: the page gives their room to
    // the timelines
    if (r.aRun && r.bRun)
        drawn = compare_->paintPage(p, QSizeF(logical.width(), pictureH), slide, false);
    Flow f{p, kMargin, 0, width};
    if (!drawn) {
        f.y = kMargin;
        f.para(qs(r.preset.title), sized(base, 1.6, true), kInk);
        f.para(qs(r.preset.question), sized(base, 1.2), kInk);
        f.para(tr("No whole run of each side was kept: there is nothing to picture."), base, kGrey);
    }
    p.fillRect(QRectF(0, pictureH, logical.width(), logical.height() - pictureH), Qt::white);
    f.y = pictureH + 4;
    f.para(answer, headline, kInk, 2);
    f.para(verdictWords(r), verdict, agreementColour(r.agreement), 6);
    for (const QString& l : lines)
        f.para(l, base, kInk, 3);
    f.para(pictured, small, kGrey, 0);
}

} // namespace corelab::ui
