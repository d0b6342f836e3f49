#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QTabWidget>

#include "CompareTab.h"
#include "ExperimentPanel.h"
#include "FiguresPanel.h"
#include "MainWindow.h"
#include "Picture.h"
#include "RunFiles.h"
#include "RunsPanel.h"
#include "StudyStatus.h"
#include "TableTab.h"
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
                                     tr("Run and comparison files (*.corelab *.json)"));
    loadRunAsync(path);
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
    timeline_->figuresPanel()->setPresetFigure(p.single ? p.figure : std::string());
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

// Asks where, saves there with `save` (which returns the error or nothing), and says
// which or why not.
void MainWindow::saveAs(const QString& title, const QString& folder, const QString& filter,
                        const std::function<QString(const QString&)>& save)
{
    const QString path = QFileDialog::getSaveFileName(this, title, folder, filter);
    if (path.isEmpty()) return;
    if (const QString error = save(path); error.isEmpty())
        status_->setText(tr("saved %1").arg(path));
    else
        onError(error);
}

void MainWindow::updateReportAction()
{
    saveReport_->setEnabled(tabs_->currentWidget() == table_ && table_->canSaveReport());
}

// The handout is drawn page by page between the window's events and written on a pool
// thread: the table already measured, not measured again.
void MainWindow::saveReport()
{
    if (!table_->canSaveReport()) return;
    QString path = QFileDialog::getSaveFileName(this, tr("Save Report"), {}, tr("PDF (*.pdf)"));
    if (path.isEmpty()) return;
    if (!path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) path += QStringLiteral(".pdf");
    status_->setText(tr("writing the report %1…").arg(path));
    table_->saveReport(path);
}

void MainWindow::chooseRunsFolder()
{
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Runs Folder"), files_->folder());
    if (!dir.isEmpty()) files_->setFolder(dir);
}

} // namespace corelab::ui
