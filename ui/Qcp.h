#pragma once

// qcustomplot.h uses `foreach` in two templates, which QT_NO_FOREACH (our strict Qt
// defines) removes: give those two a range-for for the length of the include only.
#ifdef QT_NO_FOREACH
#define foreach(declaration, container) for (declaration : container)
#include <qcustomplot.h>
#undef foreach
#else
#include <qcustomplot.h>
#endif
