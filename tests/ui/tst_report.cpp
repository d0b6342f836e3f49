// `corelab report` end to end on a table of two shortened rows: the PDF has a cover, the
// table and a page per row; the slides are 16:9 images of exact size; bad options and
// unwritable paths are refused with the right exit status.
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "UiTestMain.h"

namespace {

const QString kPresets = QStringLiteral(CORELAB_UI_FIXTURES "/report-presets");
constexpr int kRows = 2;

// Page objects of a PDF ("/Type /Page", not the "/Type /Pages" tree above them).
int pdfPages(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return -1;
    const QString text = QString::fromLatin1(f.readAll());
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![A-Za-z])"));
    return static_cast<int>(text.count(page));
}

} // namespace

class TstReport : public QObject {
    Q_OBJECT
private:
    struct Result {
        int code = -1;
        QString out, err;
    };
    static Result report(const QStringList& args)
    {
        QProcess p;
        p.start(QStringLiteral(CORELAB_CLI_PATH), QStringList{QStringLiteral("report")} + args);
        Result r;
        if (!p.waitForFinished(90000)) return r;
        r.code = p.exitCode();
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }
    QTemporaryDir dir_;

private slots:
    void pdfHasCoverTableAndAPagePerRow()
    {
        const QString out = dir_.filePath(QStringLiteral("lab.pdf"));
        const Result r = report({QStringLiteral("--quick"), QStringLiteral("--presets"), kPresets,
                                 QStringLiteral("--out"), out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5).startsWith("%PDF"));
        QCOMPARE(pdfPages(out), 2 + kRows);
        QVERIFY(r.out.contains(out));
    }

    void pngWritesOneSixteenByNineSlidePerPage()
    {
        const QString base = dir_.filePath(QStringLiteral("slides"));
        const Result r = report({QStringLiteral("--quick"), QStringLiteral("--presets"), kPresets,
                                 QStringLiteral("--format"), QStringLiteral("png"),
                                 QStringLiteral("--out"), base + QStringLiteral(".png")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (int i = 1; i <= 2 + kRows; ++i) {
            const QString name = base + QStringLiteral("-0%1.png").arg(i);
            const QImage slide(name);
            QVERIFY2(!slide.isNull(), qPrintable(name));
            QCOMPARE(slide.size(), QSize(1920, 1080));
        }
        QVERIFY(!QFile::exists(base + QStringLiteral("-0%1.png").arg(3 + kRows)));
    }

    void badOptionsAreExitTwoWithOneLine()
    {
        const QString out = dir_.filePath(QStringLiteral("x.pdf"));
        for (const QStringList& args :
             {QStringList{QStringLiteral("--format"), QStringLiteral("gif"),
                          QStringLiteral("--out"), out},
              QStringList{QStringLiteral("--quick")},
              QStringList{QStringLiteral("--out"), dir_.filePath(QStringLiteral("x.png"))},
              QStringList{QStringLiteral("--out"), out, QStringLiteral("--frobnicate")},
              QStringList{QStringLiteral("--out"), out, QStringLiteral("--presets"),
                          dir_.filePath(QStringLiteral("no-such-folder"))}}) {
            const Result r = report(args);
            QVERIFY2(r.code == 2,
                     qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.err));
            QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
            QVERIFY(r.err.startsWith(QStringLiteral("corelab report: ")));
        }
        QVERIFY(!QFile::exists(out));
    }

    // A folder that cannot be made (a file is in its place) is found before the table is
    // measured.
    void anUnwritableFolderIsExitOneNamingThePath()
    {
        QFile file(dir_.filePath(QStringLiteral("a-file")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const QString out = dir_.filePath(QStringLiteral("a-file/lab.pdf"));
        const Result r = report({QStringLiteral("--out"), out});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(out), qPrintable(r.err));
    }

    // A write that fails after measuring (here a folder in the slide's place) is exit 1
    // naming the file.
    void aFailedWriteIsExitOneNamingTheFile()
    {
        const QString base = dir_.filePath(QStringLiteral("blocked"));
        QVERIFY(QDir().mkpath(base + QStringLiteral("-03.png")));
        const Result r = report({QStringLiteral("--quick"), QStringLiteral("--presets"), kPresets,
                                 QStringLiteral("--format"), QStringLiteral("png"),
                                 QStringLiteral("--out"), base});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(base + QStringLiteral("-03.png")), qPrintable(r.err));
    }

    void helpNamesEveryOption()
    {
        const Result r = report({QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        for (const char* option : {"--out", "--quick", "--format", "--presets"})
            QVERIFY2(r.out.contains(QLatin1String(option)), option);
    }
};

CORELAB_UI_TEST(TstReport)
#include "tst_report.moc"
