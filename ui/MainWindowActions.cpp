#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QLabel>
#include <QPointer>
#include <QThreadPool>

#include "EngineController.h"
#include "ExperimentPanel.h"
#include "ImageExport.h"
#include "MainWindow.h"
#include "RunListModel.h"
#include "TimelineView.h"

// The menu actions of MainWindow: files, images, presentation.
namespace corelab::ui {

void MainWindow::loadRunAsync(const QString& path)
{
    if (path.isEmpty()) return;
    status_->setText(tr("loading %1…").arg(path));
    QPointer<MainWindow> self(this);
    // a long run's file takes a while to parse: keep the GUI thread free
    QThreadPool::globalInstance()->start([self, path] {
        std::optional<RunRecord> record;
        QString error;
        try {
            record = loadRunFile(path.toStdString());
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(qApp, [self, record = std::move(record), error]() mutable {
            if (!self) return;
            if (record)
                self->showRecord(std::move(*record));
            else
                self->onError(error);
        });
    });
}

void MainWindow::openRunFile()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Run"), runsFolder_, tr("Run files (*.json)"));
    loadRunAsync(path);
}

void MainWindow::saveRunFile()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save Run"), runsFolder_, tr("Run files (*.json)"));
    if (path.isEmpty()) return;
    try {
        corelab::saveRunFile(shown_->record(), path.toStdString());
        status_->setText(tr("saved %1").arg(path));
    } catch (const std::exception& e) {
        onError(QString::fromUtf8(e.what()));
    }
}

QString MainWindow::saveImage(const QString& path)
{
    timeline_->refreshNow();
    return saveTimelineImage(timeline_->plot(), shown_->record(), path);
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
    timeline_->refreshNow();
    QApplication::clipboard()->setImage(renderTimelineImage(timeline_->plot(), shown_->record()));
    status_->setText(tr("image copied"));
}

void MainWindow::chooseRunsFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Runs Folder"), runsFolder_);
    if (dir.isEmpty()) return;
    runsFolder_ = dir;
    runs_->scanFolder(runsFolder_);
}

void MainWindow::togglePresentation()
{
    presentation_ = !presentation_;
    if (presentation_)
        showFullScreen();
    else
        showNormal();
    changeFontSize(presentation_ ? 0.4 : -0.4);
}

void MainWindow::changeFontSize(double delta)
{
    fontScale_ = std::clamp(fontScale_ + delta, 0.6, 3.0);
    QFont f = QApplication::font();
    f.setPointSizeF(f.pointSizeF() * fontScale_);
    experiment_->setFont(f);
    timeline_->setPresentation(fontScale_, presentation_ ? 3.0 : 1.5);
}

} // namespace corelab::ui
