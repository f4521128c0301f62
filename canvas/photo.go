package canvas

import (
	"image"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// backdrop is the diagram's background image: a photo of the whiteboard
// drawn dimmed behind every shape, or, when it could not be read, a framed
// placeholder naming the file and the reason. The image comes decoded,
// upright and scaled down from the app, which reads it off the UI thread.
type backdrop struct {
	img     image.Image
	problem string // why there is no image, shown in the placeholder
	key     string // what the image shows (path and turn); the app compares it
}

// SetBackgroundImage gives the editor the decoded image of its diagram's
// background (nil with problem when it could not be read) and key, which
// names what it shows so that the app reads a file only when it changed.
func (e *Editor) SetBackgroundImage(img image.Image, problem, key string) {
	e.photo = backdrop{img: img, problem: problem, key: key}
	e.redraw()
}

// BackgroundImageKey is the key of the image the editor has, "" for none.
func (e *Editor) BackgroundImageKey() string { return e.photo.key }

// photoObjects are the canvas objects of the backdrop, reused between
// refreshes: the image object keeps its texture, so a move or zoom does not
// upload the photo again, and a drag of shapes over it never touches it.
type photoObjects struct {
	img   *canvas.Image
	frame *canvas.Rectangle
	text  *canvas.Text
	shown []fyne.CanvasObject // what drawPhoto last listed: none, the image, or the placeholder
}

// drawPhoto places the backdrop for the current viewport and returns the
// objects to paint right above the background colour.
func (r *editorRenderer) drawPhoto(objs []fyne.CanvasObject) []fyne.CanvasObject {
	r.photo.shown = r.placePhoto(r.photo.shown[:0])
	return append(objs, r.photo.shown...)
}

// movePhoto places the backdrop again after a drag step of the photo or of
// a shape and reports whether it now shows other objects than the painter
// lists (it came into view or went out of it): then the list is rebuilt.
func (r *editorRenderer) movePhoto() bool {
	was := r.photo.shown
	var now [2]fyne.CanvasObject
	shown := r.placePhoto(now[:0])
	if len(shown) != len(was) || (len(shown) > 0 && shown[0] != was[0]) {
		return true
	}
	return false
}

// placePhoto moves and sizes the backdrop's objects and appends those to
// paint to objs. Moving the image is a Move and a Resize of one object: its
// texture is not made again.
func (r *editorRenderer) placePhoto(objs []fyne.CanvasObject) []fyne.CanvasObject {
	d := r.ed.diagram()
	if d == nil || d.Background == nil {
		return objs
	}
	b := d.Background
	pos, size := r.ed.vp.rectToScreen(b.Bounds)
	if !r.onScreen(pos, size, 0) {
		return objs
	}
	p := &r.photo
	if img := r.ed.photo.img; img != nil {
		if p.img == nil {
			p.img = &canvas.Image{FillMode: canvas.ImageFillStretch, ScaleMode: canvas.ImageScaleSmooth}
		}
		if p.img.Image != img {
			p.img.Image = img
			p.img.Refresh()
		}
		p.img.Translucency = 1 - b.Opacity
		p.img.Move(pos)
		p.img.Resize(size)
		return append(objs, p.img)
	}
	if p.frame == nil {
		p.frame = &canvas.Rectangle{StrokeWidth: 1}
		p.text = &canvas.Text{TextSize: 12}
	}
	p.frame.FillColor = color.Transparent
	p.frame.StrokeColor = r.col.fg
	p.frame.Move(pos)
	p.frame.Resize(size)
	msg := "Background image " + b.Path
	switch problem := r.ed.photo.problem; {
	case strings.HasPrefix(problem, "background image "+b.Path):
		msg = "B" + problem[1:] // the reason names the image already
	case problem != "":
		msg += ": " + problem
	default:
		msg += " (reading…)"
	}
	p.text.Move(pos.AddXY(8, 8))
	// Placed again on every overlay redraw (a hover, a drag step): the
	// text is shaped again only when it changed.
	if p.text.Text != msg || p.text.Color != r.col.fg {
		p.text.Text = msg
		p.text.Color = r.col.fg
		p.text.Refresh()
	}
	return append(objs, p.frame, p.text)
}
