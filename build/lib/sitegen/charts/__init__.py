"""The chart step: the renderer (a chart module's Figure to PNG and WebP bytes), fonts,
the cached and parallel step over every chart × language × width × scheme, and the
manifest of images the pages are written from. The public chart API for a report's chart
modules is sitegen.chartkit."""
