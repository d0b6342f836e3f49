#include "PresetsTab.h"

#include <algorithm>
#include <exception>

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

#include "Text.h"
#include "spec/Describe.h"

namespace corelab::ui {

namespace {

constexpr int kPresetRole = PresetsTab::PresetIndexRole;
constexpr int kSubtitleRole = PresetsTab::SubtitleRole;
constexpr int kFileRole = PresetsTab::FileRole;

// Title over a smaller subtitle, each wrapped to the list's width rather than elided (a
// long title on a 1280-pixel projector); a file that did not load is drawn greyed.
class TitleDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static QFont subtitleFont(const QFont& font)
    {
        QFont small = font;
        small.setPointSizeF(font.pointSizeF() * 0.88);
        return small;
    }
    // The text's height wrapped to `width`.
    static int wrappedHeight(const QFont& font, int width, const QString& text)
    {
        return QFontMetrics(font)
            .boundingRect(QRect(0, 0, std::max(1, width), 100000), Qt::TextWordWrap, text)
            .height();
    }
    // The width the texts wrap at: the list's, less the item's margins.
    static int textWidth(const QStyleOptionViewItem& option)
    {
        const auto* view = qobject_cast<const QAbstractItemView*>(option.widget);
        const int width = view ? view->viewport()->width() : option.rect.width();
        return width - 16;
    }

    void paint(QPainter* p, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString title = opt.text;
        opt.text.clear();
        const QWidget* w = opt.widget;
        (w ? w->style() : QApplication::style())->drawControl(QStyle::CE_ItemViewItem, &opt, p, w);
        const bool broken = index.data(kPresetRole).toInt() < 0;
        const bool selected = opt.state & QStyle::State_Selected;
        const QColor main = opt.palette.color(selected ? QPalette::HighlightedText
                                              : broken ? QPalette::PlaceholderText
                                                       : QPalette::Text);
        const QColor sub = selected ? main : opt.palette.color(QPalette::PlaceholderText);
        const QRect r = opt.rect.adjusted(8, 4, -8, -4);
        const int titleH = wrappedHeight(opt.font, r.width(), title);
        p->save();
        p->setPen(main);
        p->setFont(opt.font);
        p->drawText(r, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, title);
        p->setFont(subtitleFont(opt.font));
        p->setPen(sub);
        p->drawText(r.adjusted(0, titleH, 0, 0), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                    index.data(kSubtitleRole).toString());
        p->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const int width = textWidth(opt);
        const int h =
            wrappedHeight(opt.font, width, opt.text) +
            wrappedHeight(subtitleFont(opt.font), width, index.data(kSubtitleRole).toString());
        // as wide as the list: the height is what varies
        return {width + 16, h + 10};
    }
};

QLabel* heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

QLabel* body(const QString& name, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString runText(const ExperimentSpec& s)
{
    return qs(describe(s)) % PresetsTab::tr(" · %1 s").arg(s.durationS);
}

} // namespace

PresetsTab::PresetsTab(QWidget* parent)
    : QWidget(parent)
    , list_(new QListWidget(this))
{
    list_->setItemDelegate(new TitleDelegate(list_));
    list_->setMinimumWidth(260);
    list_->setMaximumWidth(380);
    // items wrap to the list's width: laid out again, each its own height, when it changes
    list_->setResizeMode(QListView::Adjust);
    list_->setWordWrap(true);
    list_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(list_, 2);
    layout->addWidget(buildDetails(), 3);
    connectSignals();
    showSelected();
}

QWidget* PresetsTab::buildDetails()
{
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* page = new QWidget(scroll);
    auto* col = new QVBoxLayout(page);
    title_ = body(QStringLiteral("title"), page);
    QFont big = title_->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    title_->setFont(big);
    aspect_ = body(QStringLiteral("aspect"), page);
    aspect_->setForegroundRole(QPalette::PlaceholderText);
    question_ = body(QStringLiteral("question"), page);
    watch_ = body(QStringLiteral("watch"), page);
    expect_ = body(QStringLiteral("expect"), page);
    specA_ = body(QStringLiteral("specA"), page);
    specB_ = body(QStringLiteral("specB"), page);
    col->addWidget(title_);
    col->addWidget(aspect_);
    // hidden as a whole for a file that did not load
    sections_ = new QWidget(page);
    auto* inner = new QVBoxLayout(sections_);
    inner->setContentsMargins(0, 0, 0, 0);
    const std::pair<QString, QLabel*> sections[] = {{tr("Question"), question_},
                                                    {tr("What to watch"), watch_},
                                                    {tr("What to expect"), expect_},
                                                    {tr("A"), specA_},
                                                    {tr("B"), specB_}};
    for (const auto& [name, label] : sections) {
        inner->addSpacing(6);
        auto* title = heading(name, sections_);
        inner->addWidget(title);
        label->setParent(sections_);
        inner->addWidget(label);
        if (label == specA_) headingA_ = title;
        sectionLabels_.emplace_back(title, label);
    }
    col->addWidget(sections_);
    col->addSpacing(8);
    auto* buttons = new QHBoxLayout;
    load_ = new QPushButton(tr("Load into form"), page);
    load_->setToolTip(tr("Put run A of this preset into the experiment form"));
    compare_ = new QPushButton(tr("Run this comparison"), page);
    compare_->setToolTip(tr("Run A, then B, and show the verdict (double-click a preset)"));
    compare_->setDefault(true);
    buttons->addWidget(load_);
    buttons->addWidget(compare_);
    buttons->addStretch(1);
    col->addLayout(buttons);
    col->addStretch(1);
    scroll->setWidget(page);
    return scroll;
}

void PresetsTab::connectSignals()
{
    connect(list_, &QListWidget::currentRowChanged, this, &PresetsTab::showSelected);
    connect(load_, &QPushButton::clicked, this, [this] {
        if (currentIndex() >= 0) emit loadRequested(presets_[std::size_t(currentIndex())]);
    });
    connect(compare_, &QPushButton::clicked, this, [this] {
        if (currentIndex() >= 0) emit compareRequested(presets_[std::size_t(currentIndex())]);
    });
    // a saved single experiment has nothing to compare: double-click loads it
    connect(list_, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) {
        const int i = item->data(kPresetRole).toInt();
        if (i < 0) return;
        const Preset& p = presets_[std::size_t(i)];
        if (p.single)
            emit loadRequested(p);
        else
            emit compareRequested(p);
    });
}

void PresetsTab::loadFolder(const QString& folder)
{
    const QSignalBlocker block(list_);
    list_->clear();
    presets_.clear();
    for (const std::string& file : presetFiles(folder.toStdString())) {
        auto* item = new QListWidgetItem(list_);
        item->setData(kFileRole, qs(file));
        try {
            presets_.push_back(loadPreset(file));
            const Preset& p = presets_.back();
            item->setText(qs(p.title));
            item->setData(kSubtitleRole, p.single ? tr("single experiment") : qs(p.aspect));
            item->setData(kPresetRole, int(presets_.size()) - 1);
            item->setToolTip(qs(p.question));
        } catch (const std::exception& e) {
            item->setText(QFileInfo(qs(file)).fileName());
            // loadPreset() names the file first; the list shows the name already
            QString error = qs(e.what());
            const QString prefix = qs(file) % QStringLiteral(": ");
            if (error.startsWith(prefix)) error.remove(0, prefix.size());
            item->setData(kSubtitleRole, tr("cannot be read: %1").arg(error));
            item->setData(kPresetRole, -1);
            item->setToolTip(qs(e.what()));
        }
    }
    list_->setCurrentRow(presets_.empty() ? -1 : 0);
    showSelected();
    if (list_->count() == 0)
        title_->setText(tr("No presets in %1").arg(QDir::toNativeSeparators(folder)));
}

int PresetsTab::currentIndex() const
{
    const auto* item = list_->currentItem();
    return item ? item->data(kPresetRole).toInt() : -1;
}

void PresetsTab::setCurrentIndex(int index)
{
    for (int row = 0; row < list_->count(); ++row)
        if (list_->item(row)->data(kPresetRole).toInt() == index) list_->setCurrentRow(row);
}

void PresetsTab::showSelected()
{
    const auto* item = list_->currentItem();
    const int i = currentIndex();
    if (item && i < 0) {
        load_->setEnabled(false);
        compare_->setEnabled(false);
        return showError(item->data(kFileRole).toString(), item->toolTip());
    }
    const Preset* p = i >= 0 ? &presets_[std::size_t(i)] : nullptr;
    const bool single = p && p->single;
    load_->setEnabled(p);
    compare_->setEnabled(p && !single);
    sections_->setVisible(p);
    title_->setText(p ? qs(p->title) : tr("No preset selected"));
    if (!p) return aspect_->clear();
    aspect_->setText(
        single ? tr("A single experiment: load it into the form to run it.")
               : tr("Row of the table: %1 (figure: %2)").arg(qs(p->aspect), qs(p->figure)));
    question_->setText(qs(p->question));
    watch_->setText(qs(p->watch));
    expect_->setText(qs(p->expect));
    headingA_->setText(single ? tr("Experiment") : tr("A"));
    specA_->setText(runText(p->a));
    specB_->setText(single ? QString() : runText(p->b));
    // a saved experiment may leave any text out: no heading over nothing
    for (const auto& [heading, label] : sectionLabels_) {
        heading->setVisible(!label->text().isEmpty());
        label->setVisible(!label->text().isEmpty());
    }
}

void PresetsTab::showError(const QString& file, const QString& error)
{
    title_->setText(QFileInfo(file).fileName());
    aspect_->setText(tr("This preset file cannot be read: %1").arg(error));
    sections_->hide();
}

} // namespace corelab::ui
