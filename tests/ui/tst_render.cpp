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
        QCOMPARE(image.width(), 2400);
        QVERIFY(image.height() > 1600);
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
