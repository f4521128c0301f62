package report

import (
	"fmt"
	"image/png"
	"io"

	"github.com/threatboard/threatboard/drawing"
)

// WritePNG paints the display list l (see drawing.Raster) at opt.Scale
// pixels per unit, light or dark, and writes it as a PNG image.
func WritePNG(w io.Writer, l *drawing.List, opt ImageOptions) error {
	opt, err := opt.resolve(l)
	if err != nil {
		return fmt.Errorf("write PNG: %w", err)
	}
	img := drawing.Raster(l, opt.palette(), opt.Scale, opt.Margin)
	// Diagrams are flat colour on a plain background: the fastest
	// compression makes files little bigger in a fraction of the time.
	if img.Opaque() {
		err = encodeOpaquePNG(w, img)
	} else {
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		err = enc.Encode(w, img)
	}
	if err != nil {
		return fmt.Errorf("write PNG: %w", err)
	}
	return nil
}
