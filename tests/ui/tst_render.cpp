#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

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

QTEST_GUILESS_MAIN(TstRender)
#include "tst_render.moc"
