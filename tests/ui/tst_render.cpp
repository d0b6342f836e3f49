#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "UiTestMain.h"

class TstRender : public QObject {
    Q_OBJECT
private:
    static int render(const QStringList& args, QString* err = nullptr)
    {
        QProcess p;
        p.start(QStringLiteral(CORELAB_CLI_PATH), QStringList{QStringLiteral("render")} + args);
        if (!p.waitForFinished(15000)) return -1;
        if (err) *err = QString::fromUtf8(p.readAllStandardError());
        return p.exitCode();
    }
    QTemporaryDir dir_;

private slots:
    void rendersAFixtureToPng()
    {
        const QString out = dir_.filePath(QStringLiteral("run.png"));
        QCOMPARE(
            render({QStringLiteral(CORELAB_UI_FIXTURES "/run-threads-2w-1s.json"),
                    QStringLiteral("--out"), out, QStringLiteral("--width"), QStringLiteral("1200"),
                    QStringLiteral("--height"), QStringLiteral("800")}),
            0);
        const QImage image(out);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1200, 800));
    }
    // --width and --height are the picture's pixels, both of them, exactly.
    void widthAndHeightAreHonoured()
    {
        const QString out = dir_.filePath(QStringLiteral("720p.png"));
        QCOMPARE(
            render({QStringLiteral(CORELAB_UI_FIXTURES "/run-threads-2w-1s.json"),
                    QStringLiteral("--out"), out, QStringLiteral("--width"), QStringLiteral("1280"),
                    QStringLiteral("--height"), QStringLiteral("720")}),
            0);
        QCOMPARE(QImage(out).size(), QSize(1280, 720));
    }
    // A slide is 16:9: 1920 × 1080 by default, or as wide as asked.
    void slideIsSixteenByNine()
    {
        const QString out = dir_.filePath(QStringLiteral("slide.png"));
        QCOMPARE(render({QStringLiteral(CORELAB_UI_FIXTURES "/run-threads-2w-1s.json"),
                         QStringLiteral("--slide"), QStringLiteral("--out"), out}),
                 0);
        QCOMPARE(QImage(out).size(), QSize(1920, 1080));
        const QString narrow = dir_.filePath(QStringLiteral("slide-1280.png"));
        QCOMPARE(render({QStringLiteral(CORELAB_UI_FIXTURES "/run-threads-2w-1s.json"),
                         QStringLiteral("--slide"), QStringLiteral("--width"),
                         QStringLiteral("1280"), QStringLiteral("--out"), narrow}),
                 0);
        QCOMPARE(QImage(narrow).size(), QSize(1280, 720));
    }
    void rendersPdf()
    {
        const QString out = dir_.filePath(QStringLiteral("run.pdf"));
        QCOMPARE(render({QStringLiteral(CORELAB_UI_FIXTURES "/run-threads-2w-1s.json"),
                         QStringLiteral("--out"), out}),
                 0);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5).startsWith("%PDF"));
    }
    // --theme takes the window's keys: the projector-dark page is dark, the default and
    // projector-light ones light; a comparison follows it as a run does.
    void themeSetsTheColours()
    {
        const auto lightness = [](const QString& path) {
            const QImage image(path);
            return image.isNull() ? -1 : image.pixelColor(4, 4).lightness();
        };
        const QString run = QStringLiteral(CORELAB_UI_FIXTURES "/run-threads-2w-1s.json");
        const QString compare = QStringLiteral(CORELAB_UI_FIXTURES "/compare-03-lock-1s.json");
        for (const QString& input : {run, compare}) {
            const QString stem = dir_.filePath(QFileInfo(input).baseName());
            QCOMPARE(render({input, QStringLiteral("--width"), QStringLiteral("800"),
                             QStringLiteral("--out"), stem + QStringLiteral("-default.png")}),
                     0);
            QCOMPARE(render({input, QStringLiteral("--width"), QStringLiteral("800"),
                             QStringLiteral("--theme"), QStringLiteral("projector-dark"),
                             QStringLiteral("--out"), stem + QStringLiteral("-dark.png")}),
                     0);
            QCOMPARE(render({input, QStringLiteral("--width"), QStringLiteral("800"),
                             QStringLiteral("--theme"), QStringLiteral("projector-light"),
                             QStringLiteral("--out"), stem + QStringLiteral("-light.png")}),
                     0);
            QVERIFY2(lightness(stem + QStringLiteral("-default.png")) > 180, qPrintable(input));
            QVERIFY2(lightness(stem + QStringLiteral("-light.png")) > 240, qPrintable(input));
            const int dark = lightness(stem + QStringLiteral("-dark.png"));
            QVERIFY2(dark >= 0 && dark < 60, qPrintable(input));
        }
        QString err;
        QCOMPARE(render({run, QStringLiteral("--theme"), QStringLiteral("dark"),
                         QStringLiteral("--out"), dir_.filePath(QStringLiteral("x.png"))},
                        &err),
                 2);
        QVERIFY2(err.contains(QStringLiteral("projector-dark")), qPrintable(err));
    }
    void badInputIsExitTwoWithOneLine()
    {
        QString err;
        QCOMPARE(render({QStringLiteral("/nonexistent.json"), QStringLiteral("--out"),
                         dir_.filePath(QStringLiteral("x.png"))},
                        &err),
                 2);
        QCOMPARE(err.trimmed().count(QLatin1Char('\n')), 0);
        QCOMPARE(render({QStringLiteral(CORELAB_UI_FIXTURES "/run-threads-2w-1s.json"),
                         QStringLiteral("--out"), dir_.filePath(QStringLiteral("x.gif"))}),
                 2);
    }
};

CORELAB_UI_TEST(TstRender)
#include "tst_render.moc"
