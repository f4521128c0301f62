package model

import (
	"errors"
	"fmt"
)

// The commands on a diagram's background image (a whiteboard photo). The
// image is addressed by its diagram: a diagram has at most one.

// backgroundOf locates the background of a diagram that has one.
func backgroundOf(diagramID string) func(m *Model) (*Background, error) {
	return func(m *Model) (*Background, error) {
		d, err := diagramOf(m, diagramID)
		if err != nil {
			return nil, err
		}
		if d.Background == nil {
			return nil, fmt.Errorf("background of diagram %s: %w", excerpt(diagramID), errNotFound)
		}
		return d.Background, nil
	}
}

func checkBackground(b *Background) error {
	if b == nil {
		return nil
	}
	if err := checkRect(b.Bounds); err != nil {
		return err
	}
	if !(b.Opacity >= 0 && b.Opacity <= 1) {
		return fmt.Errorf("opacity %v is outside 0..1", b.Opacity)
	}
	if b.Rotation < 0 || b.Rotation > 3 {
		return fmt.Errorf("rotation %d is outside 0..3", b.Rotation)
	}
	return nil
}

// PlaceBackground puts an image behind a diagram, replacing the one it had.
// A nil background removes it.
func PlaceBackground(diagramID string, b *Background) Command {
	label := "Place background image"
	var value *Background
	if b == nil {
		label = "Remove background image"
	} else {
		c := *b
		value = &c
	}
	return &setCmd[*Background]{op: "place background", label: label, diagram: diagramID, value: value,
		check: checkBackground,
		field: func(m *Model) (**Background, error) {
			d, err := diagramOf(m, diagramID)
			if err != nil {
				return nil, err
			}
			return &d.Background, nil
		}}
}

// RemoveBackground takes the image away from behind a diagram.
func RemoveBackground(diagramID string) Command {
	return removeBackgroundCmd{PlaceBackground(diagramID, nil).(*setCmd[*Background])}
}

// removeBackgroundCmd refuses to remove what is not there, so that an
// empty step does not land on the undo history.
type removeBackgroundCmd struct{ *setCmd[*Background] }

func (c removeBackgroundCmd) Do(m *Model) error {
	if _, err := backgroundOf(c.diagram)(m); err != nil {
		return fmt.Errorf("remove background: %w", err)
	}
	return c.setCmd.Do(m)
}

// MoveBackground sets where the image is drawn: a move or a scale with its
// handles. The steps of one drag merge into one undo step.
func MoveBackground(diagramID string, bounds Rect) Command {
	return &setCmd[Rect]{op: "move background", label: "Move background image", diagram: diagramID,
		value: bounds, check: checkRect,
		field: func(m *Model) (*Rect, error) {
			b, err := backgroundOf(diagramID)(m)
			if err != nil {
				return nil, err
			}
			return &b.Bounds, nil
		}}
}

// SetBackgroundOpacity sets how strongly the image shows. The steps of one
// slider drag merge.
func SetBackgroundOpacity(diagramID string, opacity float64) Command {
	return &setCmd[float64]{op: "background opacity", label: "Background opacity", diagram: diagramID,
		value: opacity,
		check: func(o float64) error {
			if !(o >= 0 && o <= 1) {
				return fmt.Errorf("opacity %v is outside 0..1", o)
			}
			return nil
		},
		field: func(m *Model) (*float64, error) {
			b, err := backgroundOf(diagramID)(m)
			if err != nil {
				return nil, err
			}
			return &b.Opacity, nil
		}}
}

// LockBackground locks or unlocks the image: a locked image lets clicks go
// through to the shapes traced on it, and its handles are gone.
func LockBackground(diagramID string, locked bool) Command {
	label := "Lock background image"
	if !locked {
		label = "Unlock background image"
	}
	return &setCmd[bool]{op: "lock background", label: label, diagram: diagramID, value: locked,
		field: func(m *Model) (*bool, error) {
			b, err := backgroundOf(diagramID)(m)
			if err != nil {
				return nil, err
			}
			return &b.Locked, nil
		}}
}

// rotateCmd turns the image by quarter turns about its centre: the bounds
// swap their sides on an odd turn, so the picture keeps its proportions.
type rotateCmd struct {
	diagram string
	turns   int
	old     Background
}

// RotateBackground turns the image clockwise by quarter turns (negative:
// counter-clockwise) about its centre.
func RotateBackground(diagramID string, quarterTurns int) Command {
	return &rotateCmd{diagram: diagramID, turns: quarterTurns}
}

func (c *rotateCmd) Label() string {
	if c.turns < 0 {
		return "Rotate background left"
	}
	return "Rotate background right"
}

func (c *rotateCmd) Do(m *Model) error {
	b, err := backgroundOf(c.diagram)(m)
	if err != nil {
		return fmt.Errorf("rotate background: %w", err)
	}
	if c.turns == 0 {
		return errors.New("rotate background: no turn")
	}
	c.old = *b
	b.Rotation = ((b.Rotation+c.turns)%4 + 4) % 4
	if c.turns%2 != 0 {
		r := b.Bounds
		cx, cy := r.X+r.W/2, r.Y+r.H/2
		b.Bounds = Rect{X: cx - r.H/2, Y: cy - r.W/2, W: r.H, H: r.W}
	}
	return nil
}

func (c *rotateCmd) Undo(m *Model) {
	if b, err := backgroundOf(c.diagram)(m); err == nil {
		*b = c.old
	}
}
