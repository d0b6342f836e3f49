#include "timeline/LabelPool.h"

#include "Qcp.h"

namespace corelab::ui {

QCPItemText* LabelPool::take(bool* made)
{
    const bool fresh = taken_ == items_.size();
    if (fresh) {
        auto* label = new QCPItemText(plot_);
        label->setClipAxisRect(rect_);
        label->setClipToAxisRect(true);
        label->position->setAxes(rect_->axis(QCPAxis::atBottom), rect_->axis(QCPAxis::atLeft));
        items_.push_back(label);
    }
    if (made) *made = fresh;
    QCPItemText* label = items_[taken_++];
    label->setVisible(true);
    return label;
}

void LabelPool::end()
{
    for (std::size_t i = taken_; i < items_.size(); ++i)
        items_[i]->setVisible(false);
}

void LabelPool::hideAll()
{
    begin();
    end();
}

} // namespace corelab::ui
