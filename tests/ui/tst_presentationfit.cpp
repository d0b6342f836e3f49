// On a 1280×800 screen in presentation mode, with a comparison loaded, no legend entry, panel
// title or table header on the Run and Compare tabs is cut or elided: each text's
// measured width fits the rectangle it is drawn in, and the rectangle is on screen. The
// Presets list wraps its titles, and the Compare tab's page and slide draw every word of
// their sentences, none with "…", each inside its part of the picture.
#include <climits>

#include <QGuiApplication>
#include <QHeaderView>
#include <QListWidget>
#include <QPaintEngine>
#include <QScreen>
#include <QStyle>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "CompareTab.h"
#include "MainWindow.h"
#include "PresetsTab.h"
#include "Qcp.h"
#include "UiTestMain.h"
#include "analysis/Compare.h"
#include "analysis/OtherLoad.h"
#include "spec/Preset.h"
#include "timeline/TimelinePanel.h"
#include "timeline/TimelineView.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

int widestLine(const QFontMetrics& fm, const QString& text)
{
    int widest = 0;
    for (const QString& line : text.split(u'\n'))
        widest = std::max(widest, fm.horizontalAdvance(line));
    return widest;
}

// Every shown title (a folded panel's too) fits its rectangle, on the plot; every entry
// of every shown legend fits its cell, the cell is inside the plot, and no two entries,
// nor an entry and the panel title, overlap.
QStringList clippedLegendTexts(TimelineView* view)
{
    QStringList problems;
    const QRect plotRect = view->plot()->rect();
    for (TimelinePanel* panel : view->panels()) {
        const QCPTextElement* title = panel->titleElement();
        if (!title->visible() || (!panel->rect()->visible() && !panel->folded())) continue;
        const QFontMetrics titleFm(title->font());
        const QRect titleText(title->rect().topLeft(),
                              QSize(widestLine(titleFm, title->text()), title->rect().height()));
        // QCPTextElement draws its text clipped to its own rectangle
        if (titleText.width() > title->rect().width() + 1)
            problems << QStringLiteral("title “%1” needs %2 px, has %3")
                            .arg(title->text())
                            .arg(titleText.width())
                            .arg(title->rect().width());
        if (!plotRect.contains(titleText))
            problems << QStringLiteral("title “%1” runs off the plot").arg(title->text());
        QCPLegend* legend = panel->legend();
        if (!panel->rect()->visible() || !legend->visible()) continue;
        std::vector<QRect> cells;
        for (int i = 0; i < legend->itemCount(); ++i) {
            auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i));
            if (!item) continue;
            const QString text = item->plottable()->name();
            const int need = QFontMetrics(item->font()).horizontalAdvance(text) +
                             legend->iconSize().width() + legend->iconTextPadding();
            const QRect cell = item->rect();
            if (need > cell.width() + 1)
                problems << QStringLiteral("legend “%1” needs %2 px, has %3")
                                .arg(text)
                                .arg(need)
                                .arg(cell.width());
            if (!plotRect.contains(item->outerRect()))
                problems << QStringLiteral("legend “%1” runs off the plot").arg(text);
            if (cell.intersects(titleText))
                problems << QStringLiteral("legend “%1” covers the title").arg(text);
            for (const QRect& other : cells)
                if (other.intersects(cell))
                    problems << QStringLiteral("legend “%1” overlaps another entry").arg(text);
            cells.push_back(cell);
        }
    }
    return problems;
}

// Titles and legend entries given less height than their text: the plot's rows were
// squeezed below their minimum.
QStringList squeezedTexts(TimelineView* view)
{
    QStringList problems;
    for (TimelinePanel* panel : view->panels()) {
        if (!panel->rect()->visible()) continue;
        const QCPTextElement* title = panel->titleElement();
        if (title->rect().height() + 1 < QFontMetrics(title->font()).height())
            problems << QStringLiteral("title “%1” squeezed to %2 px high")
                            .arg(title->text())
                            .arg(title->rect().height());
        QCPLegend* legend = panel->legend();
        if (!legend->visible()) continue;
        for (int i = 0; i < legend->itemCount(); ++i)
            if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i));
                item && item->rect().height() + 1 < QFontMetrics(item->font()).height())
                problems << QStringLiteral("legend “%1” squeezed to %2 px high")
                                .arg(item->plottable()->name())
                                .arg(item->rect().height());
    }
    return problems;
}

// Every section of every shown horizontal header holds its text without "…".
QStringList elidedHeaders(QWidget* tab)
{
    QStringList problems;
    for (QHeaderView* header : tab->findChildren<QHeaderView*>()) {
        if (!header->isVisible() || header->orientation() != Qt::Horizontal || !header->model())
            continue;
        const QFontMetrics fm(header->font());
        const int margins =
            2 * header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
        for (int s = 0; s < header->count(); ++s) {
            if (header->isSectionHidden(s)) continue;
            const QString text = header->model()->headerData(s, Qt::Horizontal).toString();
            const int need = widestLine(fm, text) + margins;
            if (need > header->sectionSize(s))
                problems << QStringLiteral("header “%1” needs %2 px, has %3")
                                .arg(text)
                                .arg(need)
                                .arg(header->sectionSize(s));
            if (header->sectionViewportPosition(s) + header->sectionSize(s) > header->width() + 1)
                problems << QStringLiteral("header “%1” runs off the table (%2 + %3 > %4)")
                                .arg(text)
                                .arg(header->sectionViewportPosition(s))
                                .arg(header->sectionSize(s))
                                .arg(header->width());
        }
    }
    return problems;
}

// One text item as drawn: the string, and the box its glyphs take on the page.
struct DrawnText {
    QString text;
    QRectF box;
};

// Draws nothing and keeps every text a painter hands it, placed by the painter's transform:
// what a picture really shows, after any wrapping or eliding.
class TextRecorder : public QPaintEngine {
public:
    TextRecorder()
        : QPaintEngine(QPaintEngine::AllFeatures)
    {
    }
    bool begin(QPaintDevice*) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState&) override {}
    void drawPixmap(const QRectF&, const QPixmap&, const QRectF&) override {}
    void drawImage(const QRectF&, const QImage&, const QRectF&, Qt::ImageConversionFlags) override
    {
    }
    void drawPath(const QPainterPath&) override {}
    using QPaintEngine::drawPolygon;
    void drawPolygon(const QPointF*, int, PolygonDrawMode) override {}
    void drawTextItem(const QPointF& at, const QTextItem& item) override
    {
        const QRectF box(at.x(), at.y() - item.ascent(), item.width(),
                         item.ascent() + item.descent());
        texts.push_back({item.text(), painter()->combinedTransform().mapRect(box)});
    }
    Type type() const override { return QPaintEngine::User; }

    std::vector<DrawnText> texts;
};

// A page of `size` logical pixels at the screen's dpi, as the PNG and PDF are laid out.
class RecordingPage : public QPaintDevice {
public:
    explicit RecordingPage(const QSize& size)
        : size_(size)
    {
    }
    QPaintEngine* paintEngine() const override { return &engine_; }
    const std::vector<DrawnText>& texts() const { return engine_.texts; }

protected:
    int metric(PaintDeviceMetric m) const override
    {
        const int dpi = qRound(QGuiApplication::primaryScreen()->logicalDotsPerInch());
        switch (m) {
        case PdmWidth:
            return size_.width();
        case PdmHeight:
            return size_.height();
        case PdmWidthMM:
            return size_.width() * 254 / (10 * dpi);
        case PdmHeightMM:
            return size_.height() * 254 / (10 * dpi);
        case PdmNumColors:
            return INT_MAX;
        case PdmDepth:
            return 32;
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY:
            return dpi;
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return static_cast<int>(devicePixelRatioFScale());
        default:
            return 0;
        }
    }

private:
    QSize size_;
    mutable TextRecorder engine_;
};

// The words of a text, for "every word is drawn somewhere".
QStringList wordsOf(const QString& text)
{
    return text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
}

// Problems with a comparison's page or slide: a "…", a text off the page, a word of the
// other-load note not drawn or drawn outside its timeline's column.
QStringList sheetProblems(CompareTab& tab, bool slide)
{
    const QSize size = CompareTab::kPageSize;
    RecordingPage page(size);
    {
        QCPPainter p(&page);
        if (!tab.paintPage(p, QSizeF(size), slide)) return {QStringLiteral("nothing painted")};
    }
    QStringList problems;
    QString all;
    for (const DrawnText& t : page.texts()) {
        all += t.text + u' ';
        if (t.text.contains(QChar(0x2026)))
            problems << QStringLiteral("“%1” is elided").arg(t.text);
        if (t.box.left() < -1 || t.box.right() > size.width() + 1)
            problems << QStringLiteral("“%1” runs off the page (%2 – %3)")
                            .arg(t.text)
                            .arg(t.box.left())
                            .arg(t.box.right());
    }
    const QStringList drawn = wordsOf(all);
    for (int side = 0; side < 2; ++side) {
        const QString note = tab.timeline(side)->otherLoadNote();
        if (note.isEmpty()) problems << QStringLiteral("timeline %1 has no note").arg(side);
        for (const QString& word : wordsOf(note))
            if (!drawn.contains(word))
                problems
                    << QStringLiteral("note word “%1” of side %2 is not drawn").arg(word).arg(side);
        // the note's lines stay inside their half of the page (the window has wrapped the
        // note again by now: a drawn line is found as a piece of the note's text)
        const QString flat = QString(note).replace(u'\n', u' ');
        const double left = side * size.width() / 2.0, right = left + size.width() / 2.0;
        for (const DrawnText& t : page.texts()) {
            const QString line = t.text.trimmed();
            if (line.size() < 12 || !flat.contains(line) || t.box.center().x() < left ||
                t.box.center().x() >= right)
                continue;
            if (t.box.left() < left - 1 || t.box.right() > right + 1)
                problems << QStringLiteral("note line “%1” leaves its column (%2 – %3)")
                                .arg(line)
                                .arg(t.box.left())
                                .arg(t.box.right());
        }
    }
    return problems;
}

// Preset 03 compared, with other programs crowding both sides: every text of a page
// (caption, note, answer, details) is there.
Comparison crowdedComparison()
{
    Comparison c = loadCompareFile(CORELAB_UI_FIXTURES "/compare-03-lock-1s.json");
    for (RunRecord* r : {&c.a, &c.b}) {
        r->machine.usableCpus = 2;
        r->summary.workers = std::max(r->summary.workers, 2);
        r->summary.busyCoresMean = 1.0;
        r->summary.machineBusyCoresMean = 2.4;
    }
    return c;
}

// Preset 03's file: the interpreter lock, the first preset a lesson shows.
std::string lockPreset()
{
    for (const std::string& f : presetFiles(CORELAB_UI_FIXTURES "/../../../resources/presets"))
        if (f.find("/03-") != std::string::npos) return f;
    return {};
}

} // namespace

class TstPresentationFit : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    std::unique_ptr<MainWindow> window_;

    void settle(QWidget* tab)
    {
        window_->tabs()->setCurrentWidget(tab);
        QTest::qWait(200);
        for (TimelineView* view : tab->findChildren<TimelineView*>()) {
            view->refreshNow();
            view->plot()->replot(QCustomPlot::rpImmediateRefresh);
        }
        QCoreApplication::processEvents();
    }

private slots:
    void initTestCase()
    {
        WindowOptions o{QStringLiteral(CORELAB_WORKER_PATH), QDir::tempPath(), false, {}};
        window_ = std::make_unique<MainWindow>(o);
        window_->resize(1280, 800);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        // as a comparison run from a preset comes back: with its question beside the charts
        Comparison c = loadCompareFile(CORELAB_UI_FIXTURES "/compare-03-lock-1s.json");
        c.preset = presetNote(loadPreset(lockPreset()));
        const QString file = dir_.filePath(QStringLiteral("compare-03.json"));
        saveCompareFile(c, file.toStdString());
        window_->loadRunAsync(file);
        QTRY_COMPARE_WITH_TIMEOUT(window_->tabs()->currentWidget(),
                                  static_cast<QWidget*>(window_->compareView()), 10000);
        QVERIFY(!window_->compareView()->presetText().isEmpty());
        window_->togglePresentation();
        QTRY_COMPARE(window_->size(), QSize(1280, 800));
    }
    void compareTabFits()
    {
        settle(window_->compareView());
        const auto views = window_->compareView()->findChildren<TimelineView*>();
        QVERIFY(!views.isEmpty());
        QStringList problems = elidedHeaders(window_->compareView());
        for (TimelineView* view : views)
            if (view->isVisible()) problems << clippedLegendTexts(view);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
    void runTabFits()
    {
        window_->loadRunAsync(QStringLiteral(CORELAB_UI_FIXTURES "/run-threads-2w-1s.json"));
        QTRY_VERIFY_WITH_TIMEOUT(!window_->shownModel().record().samples.empty(), 10000);
        settle(window_->timeline());
        const QStringList problems =
            clippedLegendTexts(window_->timeline()) + elidedHeaders(window_->timeline());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
    void rowsAreNotSqueezed()
    {
        QStringList problems;
        for (QWidget* tab : {static_cast<QWidget*>(window_->compareView()),
                             static_cast<QWidget*>(window_->timeline())}) {
            settle(tab);
            for (TimelineView* view : tab->findChildren<TimelineView*>())
                if (view->isVisible()) problems << squeezedTexts(view);
            if (auto* view = qobject_cast<TimelineView*>(tab)) problems << squeezedTexts(view);
        }
        for (const QString& p : problems)
            qInfo("%s", qPrintable(p));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
    // Every preset's title and subtitle are whole in the list: each item is as tall as
    // its texts wrapped to the list's width, in and out of presentation mode.
    void presetTitlesWrap()
    {
        for (int pass = 0; pass < 2; ++pass) {
            auto* gallery = window_->findChild<PresetsTab*>();
            QVERIFY(gallery);
            window_->tabs()->setCurrentWidget(gallery);
            QListWidget* list = gallery->list();
            QTRY_VERIFY(list->isVisible());
            QCoreApplication::processEvents();
            QStringList problems;
            const int width = list->viewport()->width() - 16;
            QFont small = list->font();
            small.setPointSizeF(small.pointSizeF() * 0.88);
            const auto wrapped = [width](const QFont& f, const QString& text) {
                return QFontMetrics(f)
                    .boundingRect(QRect(0, 0, width, 100000), Qt::TextWordWrap, text)
                    .height();
            };
            for (int row = 0; row < list->count(); ++row) {
                const QListWidgetItem* item = list->item(row);
                const QRect cell = list->visualItemRect(item);
                const int need = wrapped(list->font(), item->text()) +
                                 wrapped(small, item->data(PresetsTab::SubtitleRole).toString()) +
                                 8;
                if (cell.height() < need)
                    problems << QStringLiteral("“%1” needs %2 px high, has %3")
                                    .arg(item->text())
                                    .arg(need)
                                    .arg(cell.height());
                if (cell.right() > list->viewport()->width())
                    problems << QStringLiteral("“%1” is wider than the list").arg(item->text());
            }
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
            // the same out of presentation mode
            window_->togglePresentation();
            QTest::qWait(200);
        }
        window_->togglePresentation();
        QTest::qWait(200);
    }
    // The Compare tab's page and slide: every word drawn, none elided, none off the page.
    void comparePictureDrawsEveryWord()
    {
        CompareTab tab;
        tab.resize(CompareTab::kPageSize);
        tab.setComparison(crowdedComparison());
        tab.setShownPreset(presetNote(loadPreset(lockPreset())));
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        for (bool slide : {false, true}) {
            const QStringList problems = sheetProblems(tab, slide);
            QVERIFY2(problems.isEmpty(),
                     qPrintable((slide ? QStringLiteral("slide: ") : QStringLiteral("page: ")) +
                                problems.join(u'\n')));
        }
    }
    // The Compare PDF's page is its logical size at the screen's dpi, the dpi its text was
    // measured at: at 72 dpi a font in points would come out smaller than laid out.
    void comparePdfIsAtTheScreensDpi()
    {
        CompareTab tab;
        tab.resize(CompareTab::kPageSize);
        tab.setComparison(crowdedComparison());
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("page.pdf"));
        QCOMPARE(tab.savePage(path, CompareTab::kPageSize, false), QString());
        QFile pdf(path);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        const auto box =
            QRegularExpression(QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]"))
                .match(QString::fromLatin1(pdf.readAll()));
        QVERIFY(box.hasMatch());
        const double points = 72.0 / tab.logicalDpiY();
        QVERIFY(tab.logicalDpiY() != 72); // else the check could not tell
        QVERIFY2(std::abs(box.captured(1).toDouble() - CompareTab::kPageSize.width() * points) <
                     1.5,
                 qPrintable(box.captured(0)));
        QVERIFY2(std::abs(box.captured(2).toDouble() - CompareTab::kPageSize.height() * points) <
                     1.5,
                 qPrintable(box.captured(0)));
    }
    void theCheckSeesACutLegend()
    {
        // the same check on a timeline too narrow for its text must complain
        TimelineView narrow;
        narrow.resize(220, 700);
        narrow.setPresentation(3.0, 2.0);
        narrow.show();
        narrow.setModel(&window_->shownModel());
        narrow.refreshNow();
        narrow.plot()->replot(QCustomPlot::rpImmediateRefresh);
        QVERIFY(!clippedLegendTexts(&narrow).isEmpty());
    }
};

// A 1280×800 screen, as a projector's: full screen takes that size, whatever the
// offscreen platform's default screen would be.
CORELAB_UI_TEST_ON(TstPresentationFit,
                   "offscreen:configfile=" CORELAB_UI_FIXTURES "/offscreen-1280x800.json")
#include "tst_presentationfit.moc"
