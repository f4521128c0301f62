package report

import (
	"fmt"
	"image"
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
	pal := opt.palette()
	pic := drawing.NewPicture(l, pal, opt.Scale, opt.Margin)
	if pal.Color(drawing.Background).A == 0xff {
		// Shapes laid over an opaque background leave it opaque: the
		// picture is written as RGB, painted in bands in parallel.
		size := pic.Bounds().Size()
		err = encodeOpaquePNG(w, size.X, size.Y, pic.Paint)
	} else {
		img := image.NewRGBA(pic.Bounds())
		pic.Paint(img)
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		err = enc.Encode(w, img)
	}
	if err != nil {
		return fmt.Errorf("write PNG: %w", err)
	}
	return nil
}
