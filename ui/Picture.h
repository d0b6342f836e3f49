#pragma once

#include <QImage>
#include <QString>

namespace corelab::ui {

// A tab whose picture File → Save Image and Edit → Copy Image take: what it shows,
// with the caption it needs, at `scale` × its logical size.
class Picture {
public:
    virtual ~Picture() = default;
    virtual QImage renderImage(double scale = 2.0) = 0;
    // .png (2× pixel density) or .pdf (vector) by suffix; empty on success, else the error.
    virtual QString saveImage(const QString& path) = 0;
};

} // namespace corelab::ui
