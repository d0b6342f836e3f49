#include "timeline/LabelPool.h"

#include "Qcp.h"

namespace corelab::ui {

QCPItemText* LabelPool::take(bool* made)
{
    const bool fresh = taken_ == items_.size();
    if (fresh) items_.push_back(new QCPItemText(plot_));
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
