package app

import (
	"fmt"
	"image"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/model"
	"github.com/threatboard/threatboard/photo"
)

// placedWidth is how wide a newly placed photo is drawn, in diagram units:
// about the width of a diagram drawn by hand.
const placedWidth = 1200.0

// defaultOpacity dims a photo enough for the shapes on top to stand out.
const defaultOpacity = 0.35

// backgroundDialog is Diagram › Background Image…: choose a photo to put
// behind the current diagram, then turn it, dim it, lock it or remove it.
// Every change is a model command on the shared history.
func (a *App) backgroundDialog() {
	v := a.currentView()
	if v == nil {
		return
	}
	id := v.diagramID
	bg := func() *model.Background {
		if d := a.doc.m.Diagram(id); d != nil {
			return d.Background
		}
		return nil
	}
	info := widget.NewLabel("")
	info.Wrapping = fyne.TextWrapWord
	opacity := widget.NewSlider(0.05, 1)
	opacity.Step = 0.05
	lock := widget.NewCheck("Locked: clicks go to the shapes on top", nil)
	var controls []fyne.Disableable
	update := func() {
		b := bg()
		if b == nil {
			info.SetText("No image behind this diagram. Choose a photo of the whiteboard (PNG or JPEG) to trace over it.")
		} else {
			info.SetText(fmt.Sprintf("%s, %.0f × %.0f units, turned %d°", b.Path, b.Bounds.W, b.Bounds.H, 90*b.Rotation))
			opacity.Value = b.Opacity
			opacity.Refresh()
			lock.Checked = b.Locked
			lock.Refresh()
		}
		for _, c := range controls {
			if b == nil {
				c.Disable()
			} else {
				c.Enable()
			}
		}
	}
	// One slide is one undo step: its first change is a step of its own,
	// the later ones merge into it.
	sliding := false
	opacity.OnChanged = func(o float64) {
		if b := bg(); b != nil && b.Opacity != o {
			if sliding {
				a.typed(model.SetBackgroundOpacity(id, o))
			} else {
				a.do(model.SetBackgroundOpacity(id, o))
			}
			sliding = true
		}
	}
	opacity.OnChangeEnded = func(float64) { sliding = false }
	lock.OnChanged = func(on bool) {
		if b := bg(); b != nil && b.Locked != on {
			a.do(model.LockBackground(id, on))
		}
	}
	left := widget.NewButton("Turn left", func() { a.do(model.RotateBackground(id, -1)); update() })
	right := widget.NewButton("Turn right", func() { a.do(model.RotateBackground(id, 1)); update() })
	remove := widget.NewButton("Remove", func() { a.do(model.RemoveBackground(id)); update() })
	choose := widget.NewButton("Choose image…", func() {
		a.files.Image(func(path string) {
			if path != "" {
				a.placeBackground(id, path, update)
			}
		})
	})
	controls = []fyne.Disableable{opacity, lock, left, right, remove}
	update()
	form := container.NewVBox(info, choose,
		widget.NewForm(widget.NewFormItem("Opacity", opacity)),
		lock, container.NewHBox(left, right, remove))
	d := dialog.NewCustom("Background image", "Close", form, a.win)
	d.Resize(fyne.NewSize(520, 320))
	d.Show()
}

// placeBackground reads the image off the UI thread (a 12-megapixel photo
// takes a while to decode) and places it behind the diagram at the
// photo's own proportions, turned upright as the camera recorded it. A file
// that is not a usable image is reported and nothing changes.
func (a *App) placeBackground(diagramID, path string, then func()) {
	done := a.status.startBusy("Reading " + filepath.Base(path) + "…")
	a.background(func() {
		p, err := photo.Load(path, photo.DefaultLimits)
		fyne.Do(func() {
			done()
			if err != nil {
				a.ask.Error(fmt.Errorf("background image: %w", err))
				return
			}
			d := a.doc.m.Diagram(diagramID)
			if d == nil {
				return
			}
			at := model.Point{}
			if len(d.Elements) > 0 { // over the drawing, from its top-left corner
				r := d.Elements[0].Bounds
				for _, e := range d.Elements[1:] {
					r = r.Union(e.Bounds)
				}
				at = model.Point{X: r.X, Y: r.Y}
			}
			h := placedWidth * float64(p.Height) / float64(p.Width)
			stored := a.relativeToModel(path)
			if a.picked == nil {
				a.picked = map[string]bool{}
			}
			a.picked[stored] = true
			a.do(model.PlaceBackground(diagramID, &model.Background{Path: stored,
				Bounds: model.Rect{X: at.X, Y: at.Y, W: placedWidth, H: h}, Opacity: defaultOpacity}))
			if then != nil {
				then()
			}
		})
	})
}

// relativeToModel is how the model keeps a photo the user picked at path
// (see storedPath).
func (a *App) relativeToModel(path string) string { return storedPath(a.doc.path, path) }

// storedPath is how the model file at modelPath keeps the image at file:
// relative to the model's folder, with forward slashes, when the image lies
// in that folder or below it, so that the two move together and the image
// is read again when the model is opened; else the absolute path, as it
// was picked (model.BackgroundFile refuses it when the model is opened
// again, with a message that says to place the image beside the model). A
// model never saved keeps the absolute path until it is.
func storedPath(modelPath, file string) string {
	if modelPath == "" {
		return file
	}
	dir, err := filepath.Abs(filepath.Dir(modelPath))
	if err != nil {
		return file
	}
	if rel, err := filepath.Rel(dir, file); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel)
	}
	return file
}

// rebaseBackgrounds is the edit that keeps every diagram's photo where it is
// when the model file moves from oldPath ("" for a model never saved) to
// newPath: each path is stored anew for newPath (storedPath). Only a photo
// the app may read now moves: one picked in this run's dialog, or one the
// model names inside its folder; a refused path stays as it is, so that
// saving elsewhere can never turn it into one that is read. It returns nil
// when no path changes, else the edit and the new paths, which the caller
// lets be read in this run (App.picked) once the edit is made: a photo that
// was shown stays shown.
func (a *App) rebaseBackgrounds(oldPath, newPath string) (model.Command, []string) {
	var cmds []model.Command
	var paths []string
	for _, d := range a.doc.m.Diagrams {
		b := d.Background
		if b == nil {
			continue
		}
		var file string
		switch {
		case a.picked[b.Path]:
			file = filepath.FromSlash(b.Path)
			if !filepath.IsAbs(file) && oldPath != "" {
				file = filepath.Join(filepath.Dir(oldPath), file)
			}
		case oldPath != "":
			if _, err := model.BackgroundFile(oldPath, b.Path); err != nil {
				continue
			}
			file = filepath.Join(filepath.Dir(oldPath), filepath.FromSlash(b.Path))
		default:
			continue
		}
		abs, err := filepath.Abs(file)
		if err != nil {
			continue
		}
		stored := storedPath(newPath, abs)
		if stored == b.Path {
			continue
		}
		paths = append(paths, stored)
		moved := *b
		moved.Path = stored
		cmds = append(cmds, model.PlaceBackground(d.ID, &moved))
	}
	if len(cmds) == 0 {
		return nil, nil
	}
	return model.Batch("Keep background "+plural(len(cmds), "image", "images")+" with the model", cmds...), paths
}

// syncBackgrounds gives every diagram's editor the image of its background:
// a file is read (off the UI thread) only when the path or the turn changed,
// and a file that cannot be read becomes a placeholder naming the reason,
// never an error that stops the model from opening.
func (a *App) syncBackgrounds() {
	for _, v := range a.views {
		d := a.doc.m.Diagram(v.diagramID)
		if d == nil {
			continue
		}
		key, path := "", ""
		var refused error
		if b := d.Background; b != nil {
			path, refused = v.bg.resolve(a, b.Path)
			key = fmt.Sprintf("%s#%d", b.Path, b.Rotation)
			if refused == nil {
				key = fmt.Sprintf("%s#%d", path, b.Rotation)
			}
		}
		if key == v.ed.BackgroundImageKey() {
			continue
		}
		if key == "" {
			v.ed.SetBackgroundImage(nil, "", "")
			continue
		}
		ed, b := v.ed, *d.Background
		if refused != nil {
			ed.SetBackgroundImage(nil, refused.Error(), key)
			continue
		}
		ed.SetBackgroundImage(nil, "", key) // the placeholder says "reading…"
		a.background(func() {
			p, err := photo.Load(path, photo.DefaultLimits)
			var img image.Image
			problem := ""
			if err != nil {
				problem = err.Error()
			} else {
				img = photo.Rotate(p.Image, b.Rotation)
			}
			fyne.Do(func() {
				if ed.BackgroundImageKey() == key { // not replaced meanwhile
					ed.SetBackgroundImage(img, problem, key)
				}
			})
		})
	}
}

// backgroundFile is the file a diagram's photo is read from. A path the
// user chose in this run's dialog is taken as it is; any other (a model from
// a stranger) only inside the model's folder or below it, so that a file
// cannot make the app read /etc/shadow, a device or a URL.
func (a *App) backgroundFile(stored string) (string, error) {
	if a.picked[stored] {
		return a.resolveModelPath(stored), nil
	}
	if a.doc.path == "" {
		return "", fmt.Errorf("background image %s: the model has no folder yet; save it beside the image", stored)
	}
	return model.BackgroundFile(a.doc.path, stored)
}

// resolvedBackground is a diagram's background file as last resolved, and
// what it was resolved from. Resolving follows links on disk, too slow to
// repeat on every edit, drag step and keystroke (syncBackgrounds runs after
// each).
type resolvedBackground struct {
	from string // the model's path, the stored path and whether it was picked
	path string
	err  error
}

// resolve is backgroundFile(stored), resolved again only when what it
// depends on changed.
func (r *resolvedBackground) resolve(a *App, stored string) (string, error) {
	from := fmt.Sprintf("%s\x00%s\x00%t", a.doc.path, stored, a.picked[stored])
	if r.from != from {
		r.path, r.err = a.backgroundFile(stored)
		r.from = from
	}
	return r.path, r.err
}

// resolveModelPath finds a path kept relative to the model file.
func (a *App) resolveModelPath(p string) string {
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) || a.doc.path == "" {
		return p
	}
	return filepath.Join(filepath.Dir(a.doc.path), p)
}
