#pragma once

#include <utility>
#include <vector>

#include <QWidget>

#include "spec/Preset.h"

class QLabel;
class QListWidget;
class QPushButton;

namespace corelab::ui {

// The teaching presets: a list of titles (with the aspect they measure), and for the
// selected one its question, what to watch, what to expect and the two runs.
class PresetsTab : public QWidget {
    Q_OBJECT
public:
    // Data of the list's items.
    enum Role {
        PresetIndexRole = Qt::UserRole, // index into presets(), -1 for a broken file
        SubtitleRole,                   // the aspect, or why the file cannot be read
        FileRole,                       // the preset file's path
    };

    explicit PresetsTab(QWidget* parent = nullptr);

    // presetFiles() + loadPreset(): a broken file is listed greyed with its error.
    void loadFolder(const QString& folder);
    // The presets that loaded; indexes below are into this list.
    const std::vector<Preset>& presets() const { return presets_; }
    int currentIndex() const; // -1 when nothing or a broken file is selected
    void setCurrentIndex(int index);

    QListWidget* list() const { return list_; }

signals:
    // "Load into form"; double-clicking a single experiment (Preset::single) loads it too.
    void loadRequested(const corelab::Preset& preset);
    // "Run this comparison" or a double-click.
    void compareRequested(const corelab::Preset& preset);

private:
    QWidget* buildDetails();
    void connectSignals();
    void showSelected();
    void showError(const QString& file, const QString& error);

    QListWidget* list_;
    QLabel* title_;
    QLabel* aspect_;
    QLabel* question_;
    QLabel* watch_;
    QLabel* expect_;
    QLabel* specA_;
    QLabel* headingA_ = nullptr;
    QLabel* specB_;
    QWidget* sections_;
    std::vector<std::pair<QLabel*, QLabel*>> sectionLabels_; // heading, text
    QPushButton* load_;
    QPushButton* compare_;
    std::vector<Preset> presets_;
};

} // namespace corelab::ui
