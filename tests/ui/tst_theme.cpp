// The themes: lane states and worker colours stay apart for colour-blind viewers in
// every theme, text on lanes and on the window is readable, and a theme switches the
// charts live and is remembered.
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "ColourVision.h"
#include "MainWindow.h"
#include "Qcp.h"
#include "Theme.h"
#include "UiTestMain.h"
#include "timeline/TimelinePanel.h"
#include "timeline/TimelineView.h"

using namespace corelab;
using namespace corelab::ui;

namespace {

// Two colours a reader must tell apart, simulated as a protanope or deuteranope sees
// them, must differ by at least this CIE76 ΔE. 2.3 is just noticeable side by side;
// Szafir (2017, "Modeling Color Difference for Visualization Design") found that marks
// a few pixels wide, as thin lanes and chart lines are, need several times more, about
// 10 or more. 15 leaves room above that. The palette before this check had 4.2 between
// running and crashed for deuteranopes.
constexpr double kMinDeltaE = 15.0;
// WCAG 2 AA for normal text; the projector themes aim at AAA (7) for the window text.
constexpr double kMinTextContrast = 4.5;
constexpr double kProjectorTextContrast = 7.0;

constexpr std::array<Vision, 3> kVisions = {Vision::Normal, Vision::Protanopia,
                                            Vision::Deuteranopia};

const char* name(Vision v)
{
    switch (v) {
    case Vision::Protanopia:
        return "protanopia";
    case Vision::Deuteranopia:
        return "deuteranopia";
    case Vision::Tritanopia:
        return "tritanopia";
    case Vision::Normal:
        break;
    }
    return "normal vision";
}

// The smallest ΔE between any two of `colours` as seen with `v`, and which pair.
template <typename Colours>
std::tuple<double, int, int> closestPair(const Colours& colours, Vision v)
{
    std::tuple<double, int, int> worst{1e9, -1, -1};
    const int n = static_cast<int>(colours.size());
    for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j) {
            const double d = deltaE76(simulateVision(colours[static_cast<std::size_t>(i)], v),
                                      simulateVision(colours[static_cast<std::size_t>(j)], v));
            if (d < std::get<0>(worst)) worst = {d, i, j};
        }
    return worst;
}

Theme themeFor(ThemeId id)
{
    return Theme::make(id, QApplication::palette());
}

} // namespace

class TstTheme : public QObject {
    Q_OBJECT
private slots:
    void theColourMathsMatchKnownValues()
    {
        QCOMPARE(qRound(contrastRatio(Qt::black, Qt::white) * 100), 2100);
        QCOMPARE(qRound(contrastRatio(Qt::white, Qt::white) * 100), 100);
        // WCAG's own example: #767676 on white is the lightest grey that passes 4.5
        QVERIFY(contrastRatio(QColor(0x76, 0x76, 0x76), Qt::white) >= 4.5);
        QVERIFY(contrastRatio(QColor(0x77, 0x77, 0x77), Qt::white) < 4.5);
        QVERIFY(qAbs(deltaE76(Qt::black, Qt::white) - 100.0) < 0.1);
        const auto white = toLab(Qt::white);
        QVERIFY(qAbs(white[1]) < 0.1 && qAbs(white[2]) < 0.1);
        // a deuteranope confuses this red and green; dichromats see greys as greys
        const QColor red(0xd0, 0x30, 0x30), green(0x50, 0x80, 0x20);
        QVERIFY(deltaE76(simulateVision(red, Vision::Deuteranopia),
                         simulateVision(green, Vision::Deuteranopia)) < deltaE76(red, green) / 3);
        for (Vision v : {Vision::Protanopia, Vision::Deuteranopia, Vision::Tritanopia})
            QVERIFY(deltaE76(simulateVision(QColor(0x80, 0x80, 0x80), v),
                             QColor(0x80, 0x80, 0x80)) < 2);
    }
    void theOldLaneColoursFailTheCheck()
    {
        // running and crashed as they were: the check must catch what the review saw
        const QColor running(0x2e, 0xa0, 0x43), crashed(0xd5, 0x3e, 0x4f);
        QVERIFY(deltaE76(simulateVision(running, Vision::Deuteranopia),
                         simulateVision(crashed, Vision::Deuteranopia)) < kMinDeltaE);
    }
    void laneStatesStayApartForColourBlindViewers_data()
    {
        QTest::addColumn<int>("theme");
        for (ThemeId id : kThemes)
            QTest::newRow(qPrintable(themeKey(id))) << static_cast<int>(id);
    }
    void laneStatesStayApartForColourBlindViewers()
    {
        QFETCH(int, theme);
        const Theme t = themeFor(static_cast<ThemeId>(theme));
        for (Vision v : kVisions) {
            const auto [d, i, j] = closestPair(t.lanes, v);
            QVERIFY2(
                d >= kMinDeltaE,
                qPrintable(QStringLiteral("%1 and %2: ΔE %3 with %4")
                               .arg(QString::fromLatin1(laneStateName(static_cast<LaneState>(i))),
                                    QString::fromLatin1(laneStateName(static_cast<LaneState>(j))))
                               .arg(d, 0, 'f', 1)
                               .arg(QString::fromLatin1(name(v)))));
        }
    }
    void laneStatesStandOutFromTheChartBackground_data()
    {
        laneStatesStayApartForColourBlindViewers_data();
    }
    void laneStatesStandOutFromTheChartBackground()
    {
        QFETCH(int, theme);
        const Theme t = themeFor(static_cast<ThemeId>(theme));
        const QColor background = t.palette.color(QPalette::Base);
        for (Vision v : kVisions)
            for (int i = 0; i < kLaneStateCount; ++i)
                QVERIFY2(deltaE76(simulateVision(t.lanes[static_cast<std::size_t>(i)], v),
                                  simulateVision(background, v)) >= kMinDeltaE,
                         laneStateName(static_cast<LaneState>(i)));
    }
    void workerColoursStayApart_data() { laneStatesStayApartForColourBlindViewers_data(); }
    void workerColoursStayApart()
    {
        QFETCH(int, theme);
        const Theme t = themeFor(static_cast<ThemeId>(theme));
        const QColor background = t.palette.color(QPalette::Base);
        for (Vision v : kVisions) {
            const auto [d, i, j] = closestPair(t.series, v);
            QVERIFY2(d >= kMinDeltaE, qPrintable(QStringLiteral("series %1 and %2: ΔE %3 with %4")
                                                     .arg(i)
                                                     .arg(j)
                                                     .arg(d, 0, 'f', 1)
                                                     .arg(QString::fromLatin1(name(v)))));
            for (const QColor& c : t.series)
                QVERIFY(deltaE76(simulateVision(c, v), simulateVision(background, v)) >=
                        kMinDeltaE);
        }
        // worker w is the throughput panel's colour for it, and the total's is not a worker's
        QCOMPARE(t.worker(0), t.series[1]);
        QCOMPARE(t.worker(6), t.series[7]);
    }
    void textIsReadable_data() { laneStatesStayApartForColourBlindViewers_data(); }
    void textIsReadable()
    {
        QFETCH(int, theme);
        const Theme t = themeFor(static_cast<ThemeId>(theme));
        // the cpuN tags over lanes, whatever lane colour is under them (the old white text
        // on the yellow lock-wait share had 1.3)
        QVERIFY(contrastRatio(t.tagText, t.tagBackground) >= kMinTextContrast);
        QVERIFY(contrastRatio(t.error, t.palette.color(QPalette::Window)) >= kMinTextContrast);
        // the verdict's better value: black text on the shade, which must still show
        QVERIFY(contrastRatio(Qt::black, t.winner) >= kProjectorTextContrast);
        QVERIFY(deltaE76(t.winner, t.palette.color(QPalette::Base)) >= kMinDeltaE);
        if (!t.ownPalette) return;
        const QPalette& p = t.palette;
        for (auto [fg, bg] : {std::pair{QPalette::WindowText, QPalette::Window},
                              std::pair{QPalette::Text, QPalette::Base},
                              std::pair{QPalette::Text, QPalette::AlternateBase},
                              std::pair{QPalette::ButtonText, QPalette::Button},
                              std::pair{QPalette::HighlightedText, QPalette::Highlight}})
            QVERIFY(contrastRatio(p.color(fg), p.color(bg)) >= kProjectorTextContrast);
        QVERIFY(contrastRatio(p.color(QPalette::PlaceholderText), p.color(QPalette::Base)) >=
                kMinTextContrast);
        // disabled text must look disabled: nearer the background than enabled text
        QVERIFY(
            contrastRatio(p.color(QPalette::Disabled, QPalette::Text), p.color(QPalette::Base)) <
            contrastRatio(p.color(QPalette::Text), p.color(QPalette::Base)));
    }
    void themeKeysRoundTrip()
    {
        for (ThemeId id : kThemes)
            QCOMPARE(themeFromKey(themeKey(id)), id);
        QCOMPARE(themeFromKey(QStringLiteral("nonsense")), ThemeId::System);
    }
    void chartsFollowTheThemeLive()
    {
        TimelineView view;
        view.resize(900, 700);
        view.show();
        auto* rect = view.panels().front()->rect();
        for (ThemeId id : {ThemeId::ProjectorDark, ThemeId::ProjectorLight, ThemeId::System}) {
            applyTheme(id);
            QCoreApplication::processEvents();
            const QPalette& p = currentTheme().palette;
            QCOMPARE(rect->backgroundBrush().color(), p.color(QPalette::Base));
            QCOMPARE(rect->axis(QCPAxis::atLeft)->tickLabelColor(), p.color(QPalette::WindowText));
            QCOMPARE(view.plot()->palette().color(QPalette::Window), p.color(QPalette::Window));
            QCOMPARE(laneStateColor(LaneState::Running), currentTheme().lanes[0]);
        }
        QVERIFY(Theme::make(ThemeId::ProjectorDark, {}).palette.color(QPalette::Base) !=
                Theme::make(ThemeId::ProjectorLight, {}).palette.color(QPalette::Base));
    }
    void theThemeIsRemembered()
    {
        QTemporaryDir dir;
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
        WindowOptions o{QStringLiteral(CORELAB_WORKER_PATH), dir.path(), true, {}};
        {
            MainWindow w(o);
            QCOMPARE(w.theme(), ThemeId::System);
            w.setTheme(ThemeId::ProjectorDark);
            w.close();
        }
        applyTheme(ThemeId::System);
        MainWindow again(o);
        QCOMPARE(again.theme(), ThemeId::ProjectorDark);
        QCOMPARE(QApplication::palette().color(QPalette::Window),
                 currentTheme().palette.color(QPalette::Window));
        QCOMPARE(currentTheme().id, ThemeId::ProjectorDark);
        again.setTheme(ThemeId::System);
    }
};

CORELAB_UI_TEST(TstTheme)
#include "tst_theme.moc"
