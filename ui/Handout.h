#pragma once

// The lab handout: the measured table as pages a lecturer can print or show. A cover
// (the machine, the other programs' load, how often the article held), the table, and
// one page per row: its comparison picture (CompareTab's own drawing), the answer over
// all repeats, agrees or differs and why, what to watch.
#include <memory>
#include <vector>

#include <QByteArray>
#include <QCoreApplication>
#include <QObject>
#include <QSize>
#include <QString>
#include <QStringList>

#include "analysis/Table.h"

class QBuffer;
class QCPPainter;
class QPdfWriter;
class QTimer;

namespace corelab::ui {

class CompareTab;
class TableTab;

class Handout {
    Q_DECLARE_TR_FUNCTIONS(Handout)
public:
    Handout(std::vector<TableRow> rows, TableOptions options);
    ~Handout();
    Handout(const Handout&) = delete;
    Handout& operator=(const Handout&) = delete;

    // A4 landscape, in the logical pixels CompareTab lays its page out in.
    static constexpr QSize kPage{1280, 905};
    // A slide: 16:9, written at 1920 × 1080 pixels.
    static constexpr QSize kSlideLayout{1280, 720};
    static constexpr QSize kSlidePixels{1920, 1080};

    // The cover, the table, one per row.
    int pages() const { return 2 + static_cast<int>(rows_.size()); }
    // Sets page `page` up (a row's two runs go into the comparison view); the event
    // loop must run once before paint() so its timelines take the runs.
    void prepare(int page);
    void paint(QCPPainter& p, int page, const QSizeF& logical, bool slide);
    // Pixels per inch of the fonts' metrics: a PDF at this resolution keeps the text
    // the size it was laid out at.
    int dpi() const;

private:
    void paintCover(QCPPainter& p, const QSizeF& logical, bool slide) const;
    void paintTable(QCPPainter& p, const QSizeF& logical, bool slide);
    void paintRow(QCPPainter& p, int row, const QSizeF& logical, bool slide);

    std::vector<TableRow> rows_;
    TableOptions options_;
    std::unique_ptr<CompareTab> compare_;
    std::unique_ptr<TableTab> table_;
    int prepared_ = -1;
};

// The PDF built in memory one step at a time (a page is prepared, then painted), so a
// window runs its events between steps and never waits for the whole document.
class HandoutPdf {
public:
    explicit HandoutPdf(Handout& handout);
    ~HandoutPdf();
    HandoutPdf(const HandoutPdf&) = delete;
    HandoutPdf& operator=(const HandoutPdf&) = delete;
    // Prepares or paints the next page; false once every page is painted.
    bool step();
    // The document's bytes once step() returned false; empty with `error` set on failure.
    QByteArray finish(QString& error);

private:
    Handout& handout_;
    QByteArray bytes_;
    std::unique_ptr<QBuffer> buffer_;
    std::unique_ptr<QPdfWriter> writer_;
    std::unique_ptr<QCPPainter> painter_;
    int page_ = 0;
    bool prepared_ = false;
};

// The whole PDF written atomically to `path`, waiting for it (the command line). Empty on
// success, else the error naming the path.
QString saveHandoutPdf(Handout& handout, const QString& path);
// The slide file names for `out`: OUT-01.png (the cover), OUT-02.png (the table),
// OUT-03.png … (the rows); a trailing ".png" of `out` is dropped first.
QStringList handoutSlideNames(const QString& out, int pages);
// Every page as a 16:9 PNG slide of kSlidePixels, each written atomically. Empty on
// success, else the first error naming its path.
QString saveHandoutSlides(Handout& handout, const QString& out);

// Saves a handout PDF from the window: pages are drawn one per event-loop turn on the
// GUI thread (the widgets live there), the file is written on a pool thread through
// the atomic writer, then finished() arrives on the GUI thread. Deletes itself after.
class HandoutSaver : public QObject {
    Q_OBJECT
public:
    HandoutSaver(std::vector<TableRow> rows, TableOptions options, QString path,
                 QObject* parent = nullptr);
    ~HandoutSaver() override;
    void start();

signals:
    // `error` is empty on success.
    void finished(const QString& path, const QString& error);

private:
    void step();
    void written(const QString& error);

    QString path_;
    std::unique_ptr<Handout> handout_;
    std::unique_ptr<HandoutPdf> pdf_;
    QTimer* timer_;
};

} // namespace corelab::ui
