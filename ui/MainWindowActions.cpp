#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QTabWidget>

#include "CompareTab.h"
#include "ExperimentPanel.h"
#include "MainWindow.h"
#include "Picture.h"
#include "RunFiles.h"
#include "RunsPanel.h"
#include "StudyStatus.h"
#include "analysis/Compare.h"
#include "timeline/TimelineView.h"

// The menu actions of MainWindow: files, images, presentation.
namespace corelab::ui {

void MainWindow::loadRunAsync(const QString& path)
{
    if (path.isEmpty()) return;
    status_->setText(tr("loading %1…").arg(path));
    files_->load(path);
}

void MainWindow::openRunFile()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Run or Comparison"), files_->folder(),
                                     tr("Run and comparison files (*.json)"));
    loadRunAsync(path);
}

void MainWindow::saveRunFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Run"), files_->folder(),
                                                      tr("Run files (*.json)"));
    if (path.isEmpty()) return;
    try {
        corelab::saveRunFile(shown_->record(), path.toStdString());
        status_->setText(tr("saved %1").arg(path));
    } catch (const std::exception& e) {
        onError(QString::fromUtf8(e.what()));
    }
}

// The picture of the tab on show; nullptr on a tab without one (Presets).
Picture* MainWindow::currentPicture() const
{
    return dynamic_cast<Picture*>(tabs_->currentWidget());
}

QString MainWindow::saveImage(const QString& path)
{
    Picture* picture = currentPicture();
    return picture ? picture->saveImage(path) : tr("this tab has no picture to save");
}

void MainWindow::saveImageDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Image"), QString(),
                                                      tr("PNG image (*.png);;PDF (*.pdf)"));
    if (path.isEmpty()) return;
    const QString error = saveImage(path);
    if (error.isEmpty())
        status_->setText(tr("saved %1").arg(path));
    else
        onError(error);
}

void MainWindow::copyImage()
{
    const QImage image = currentPicture() ? currentPicture()->renderImage() : QImage();
    if (image.isNull()) return onError(tr("nothing to copy yet"));
    QApplication::clipboard()->setImage(image);
    status_->setText(tr("image copied"));
}

void MainWindow::loadPreset(const Preset& p)
{
    experiment_->setSpec(p.a);
    if (p.single) {
        compare_->clearFixedSpecs();
        tabs_->setCurrentWidget(timeline_);
    } else {
        compare_->setFixedPreset(p);
        tabs_->setCurrentWidget(compare_);
    }
    status_->setText(tr("loaded “%1”").arg(QString::fromStdString(p.title)));
}

void MainWindow::openExperiment(const QString& path)
{
    try {
        loadPreset(corelab::loadPreset(path.toStdString()));
    } catch (const std::exception& e) {
        onError(QString::fromUtf8(e.what()));
    }
}

QString MainWindow::saveExperiment(const QString& path)
{
    const bool pair = tabs_->currentWidget() == compare_;
    Preset p = compare_->experimentFor(experiment_->spec(), pair);
    for (ExperimentSpec s : {p.a, p.b})
        if (auto err = validate(s)) return QString::fromStdString(err->text());
    if (p.title.empty()) p.title = QFileInfo(path).completeBaseName().toStdString();
    if (p.aspect.empty()) p.aspect = p.title;
    try {
        savePreset(p, path.toStdString());
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

void MainWindow::openExperimentDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Experiment"), QString(),
                                                      tr("Experiment files (*.json)"));
    if (!path.isEmpty()) openExperiment(path);
}

void MainWindow::saveExperimentDialog()
{
    const bool pair = tabs_->currentWidget() == compare_;
    const QString path = QFileDialog::getSaveFileName(
        this, pair ? tr("Save Comparison Experiment") : tr("Save Experiment"), QString(),
        tr("Experiment files (*.json)"));
    if (path.isEmpty()) return;
    const QString error = saveExperiment(path);
    if (error.isEmpty())
        status_->setText(tr("saved %1").arg(path));
    else
        onError(error);
}

void MainWindow::chooseRunsFolder()
{
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Runs Folder"), files_->folder());
    if (!dir.isEmpty()) files_->setFolder(dir);
}

// Presentation mode is for the back of the room: full screen, the charts' text and
// lines larger. The form keeps its size and the runs list steps aside, so nothing is
// clipped on a 1280 × 800 projector.
void MainWindow::togglePresentation()
{
    presentation_ = !presentation_;
    if (presentation_)
        showFullScreen();
    else
        showNormal();
    updateRunsPanel();
    changeFontSize(0);
}

void MainWindow::changeFontSize(double delta)
{
    fontScale_ = std::clamp(fontScale_ + delta, 0.6, 3.0);
    QFont f = QApplication::font();
    f.setPointSizeF(f.pointSizeF() * fontScale_);
    experiment_->setFont(f);
    timeline_->setPresentation(fontScale_ * (presentation_ ? 1.4 : 1.0), presentation_ ? 3.0 : 1.5);
}

// The runs list belongs to the Run tab; the others need its width (two timelines,
// the table's sentences), and so does presentation mode.
void MainWindow::updateRunsPanel()
{
    runsPanel_->setVisible(!presentation_ && tabs_->currentWidget() == timeline_);
}

} // namespace corelab::ui
