#pragma once

// A paint device that draws nothing and keeps every text a painter hands it: what a
// picture really shows, after any wrapping or eliding, for tests that check its words.
#include <climits>
#include <vector>

#include <QGuiApplication>
#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainter>
#include <QRegularExpression>
#include <QScreen>
#include <QStringList>

// One text item as drawn: the string, and the box its glyphs take on the page.
struct DrawnText {
    QString text;
    QRectF box;
};

// Keeps every text item, placed by the painter's transform.
class TextRecorder : public QPaintEngine {
public:
    TextRecorder()
        : QPaintEngine(QPaintEngine::AllFeatures)
    {
    }
    bool begin(QPaintDevice*) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState&) override {}
    void drawPixmap(const QRectF&, const QPixmap&, const QRectF&) override {}
    void drawImage(const QRectF&, const QImage&, const QRectF&, Qt::ImageConversionFlags) override
    {
    }
    void drawPath(const QPainterPath&) override {}
    using QPaintEngine::drawPolygon;
    void drawPolygon(const QPointF*, int, PolygonDrawMode) override {}
    void drawTextItem(const QPointF& at, const QTextItem& item) override
    {
        const QRectF box(at.x(), at.y() - item.ascent(), item.width(),
                         item.ascent() + item.descent());
        texts.push_back({item.text(), painter()->combinedTransform().mapRect(box)});
    }
    Type type() const override { return QPaintEngine::User; }

    std::vector<DrawnText> texts;
};

// A page of `size` logical pixels at the screen's dpi, as the PNG and PDF are laid out.
class RecordingPage : public QPaintDevice {
public:
    explicit RecordingPage(const QSize& size)
        : size_(size)
    {
    }
    QPaintEngine* paintEngine() const override { return &engine_; }
    const std::vector<DrawnText>& texts() const { return engine_.texts; }

protected:
    int metric(PaintDeviceMetric m) const override
    {
        const int dpi = qRound(QGuiApplication::primaryScreen()->logicalDotsPerInch());
        switch (m) {
        case PdmWidth:
            return size_.width();
        case PdmHeight:
            return size_.height();
        case PdmWidthMM:
            return size_.width() * 254 / (10 * dpi);
        case PdmHeightMM:
            return size_.height() * 254 / (10 * dpi);
        case PdmNumColors:
            return INT_MAX;
        case PdmDepth:
            return 32;
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY:
            return dpi;
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return static_cast<int>(devicePixelRatioFScale());
        default:
            return 0;
        }
    }

private:
    QSize size_;
    mutable TextRecorder engine_;
};

// The words of a text, for "every word is drawn somewhere".
inline QStringList wordsOf(const QString& text)
{
    return text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
}
