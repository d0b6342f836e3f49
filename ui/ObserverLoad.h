#pragma once

#include <optional>

#include <QElapsedTimer>
#include <QHash>
#include <QLabel>

namespace corelab::ui {

class StudyRunner;

// The status bar's note of what the window itself costs while it watches a run: its own
// CPU time (utime + stime of /proc/self/stat, core/probe/OwnCpu.h: the window with its
// engine and sampler threads) since the run started, as % of one core, updated at most
// once a second. It is load the workers did not cause: the observer's.
class ObserverLoad : public QLabel {
    Q_OBJECT
public:
    explicit ObserverLoad(const StudyRunner* runner, QWidget* parent = nullptr);

    // % of a core since the run started, or nullopt before one started.
    std::optional<double> percent() const;

private:
    void begin();
    void update(bool final);

    QElapsedTimer wall_;  // since the run started
    QElapsedTimer shown_; // since the text last changed
    std::optional<double> cpuAtStart_;
};

} // namespace corelab::ui

namespace corelab::ui {

// What the window paints, counted (issue 14): paint events by widget (class and object
// name) with the pixels they cover and how many covered the whole widget, resizes and
// layout requests, and any named count a caller adds (a plot's replots). Installed on the
// application it sees every widget; the window installs one when CORELAB_PAINT_LOG names
// a file and writes report() there when it closes. Tests use it to check that a sample
// paints each chart once and never the whole window.
class PaintCounter : public QObject {
    Q_OBJECT
public:
    struct Counts {
        int paints = 0;
        int wholePaints = 0; // paint rect covering the whole widget
        qint64 pixels = 0;
        int resizes = 0;
        int layoutRequests = 0;
        int other = 0; // add()
    };

    explicit PaintCounter(QObject* parent = nullptr);
    ~PaintCounter() override;

    // "ClassName#objectName" (or "ClassName") of a widget, the key of its counts.
    static QString keyOf(const QObject* object);
    Counts counts(const QString& key) const { return counts_.value(key); }
    // Sum over every key that starts with `prefix` (a class name: all its widgets).
    Counts total(const QString& prefix) const;
    void add(const QString& key) { ++counts_[key].other; }
    void reset() { counts_.clear(); }
    // One line per key, counts divided by `samples` when it is positive.
    QString report(int samples) const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QHash<QString, Counts> counts_;
};

} // namespace corelab::ui
