package model

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Synthetic layout: elements sit in the middle of square grid cells, so the
// gaps between cells are free for boundary lines and flow waypoints.
const (
	synthCell  = 160.0 // grid pitch in diagram units
	synthNoteW = 140.0
	synthNoteH = 40.0
)

// synthShapes are the default sizes of the connectable kinds, as drawn.
var synthShapes = map[Kind]Rect{
	Actor:        {W: 120, H: 60},
	Process:      {W: 100, H: 100},
	MultiProcess: {W: 110, H: 110},
	Store:        {W: 140, H: 50},
}

// Synthetic generates a threat model for performance work and tests: one
// diagram "Synthetic" holding, on a grid,
//   - elements connectable elements (actors, processes, multi-processes and
//     stores) plus one note per hundred of them (at least one),
//   - flows flows, mostly between neighbours, some longer and bent through
//     waypoints, some bidirectional, with varied properties,
//   - boundaries trust boundaries, alternately a box around a block of cells
//     and a polyline along the gaps between cells.
//
// About one element in ten carries a threat. The result depends only on the
// arguments: the same seed gives the same model, IDs included. Flows need two
// elements; with fewer there are none.
func Synthetic(elements, flows, boundaries int, seed int64) *Model {
	g := &synth{
		rng:  rand.New(rand.NewPCG(uint64(seed), 0x7468726561746264)), // "threatbd"
		salt: uint64(seed)*0x9e3779b97f4a7c15 ^ 0x2545f4914f6cdd1d,
	}
	elements = max(elements, 0)
	g.cols = max(1, int(math.Ceil(math.Sqrt(float64(elements)))))

	d := &Diagram{ID: g.id(), Title: "Synthetic", Description: "Generated for performance work."}
	d.Elements = g.elements(elements)
	if elements >= 2 {
		d.Flows = g.flows(d.Elements[:elements], max(flows, 0))
	}
	d.Boundaries = g.boundaries(elements, max(boundaries, 0))

	return &Model{
		ID:             g.id(),
		Title:          "Synthetic model",
		Owner:          "Performance team",
		Description:    "A generated model of " + strconv.Itoa(elements) + " elements.",
		Classification: "Internal",
		Version:        "1.0",
		Diagrams:       []*Diagram{d},
	}
}

// synth is the state of one generation run.
type synth struct {
	rng  *rand.Rand
	salt uint64
	n    uint64 // IDs handed out so far
	cols int

	text    strings.Builder // the chunk names and IDs are carved from
	scratch []byte
}

// id returns the next ID: the counter scrambled by a bijection of 50-bit
// numbers (multiply by an odd constant, xor a salt from the seed), written
// like NewID. Unique by construction, random-looking, deterministic.
func (g *synth) id() string {
	const mask = 1<<50 - 1
	v := (g.n*0x5851f42d4c957f2d ^ g.salt) & mask
	g.n++
	var b [10]byte
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = idAlphabet[v&31]
		v >>= 5
	}
	return g.intern(b[:])
}

// numbered returns word, a space and n, e.g. "Service 12".
func (g *synth) numbered(word string, n int) string {
	b := append(g.scratch[:0], word...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(n), 10)
	g.scratch = b
	return g.intern(b)
}

// intern copies b into the current text chunk and returns it as a string.
// A strings.Builder only ever appends, so the strings it has returned stay
// valid; carving every name and ID out of shared chunks saves an
// allocation per string.
func (g *synth) intern(b []byte) string {
	const chunk = 64 << 10
	if g.text.Cap()-g.text.Len() < len(b) {
		g.text = strings.Builder{}
		g.text.Grow(max(chunk, len(b)))
	}
	start := g.text.Len()
	g.text.Write(b)
	return g.text.String()[start:]
}

const idAlphabet = "0123456789abcdefghjkmnpqrstvwxyz"

// cell is the top-left corner of grid cell i.
func (g *synth) cell(i int) Point {
	return Point{float64(i%g.cols) * synthCell, float64(i/g.cols) * synthCell}
}

// centred places a w×h shape in the middle of grid cell i.
func (g *synth) centred(i int, w, h float64) Rect {
	c := g.cell(i)
	return Rect{c.X + (synthCell-w)/2, c.Y + (synthCell-h)/2, w, h}
}

func (g *synth) pick(options []string) string { return options[g.rng.IntN(len(options))] }

func (g *synth) chance(p float64) bool { return g.rng.Float64() < p }

func (g *synth) elements(n int) []*Element {
	notes := 0
	if n > 0 {
		notes = max(1, n/100)
	}
	// One backing array: 10,000 separate allocations would dominate the run.
	backing := make([]Element, n+notes)
	out := make([]*Element, n+notes)
	for i := range backing {
		e := &backing[i]
		out[i] = e
		e.ID = g.id()
		if i >= n {
			// Notes continue the grid after the last element.
			e.Kind = Note
			e.Bounds = g.centred(i, synthNoteW, synthNoteH)
			e.Name = g.numbered("Note", i-n+1)
			continue
		}
		g.element(e, i)
	}
	return out
}

var (
	synthTech    = []string{"Go", "Java", "Python", "Node.js", "Rust", ".NET"}
	synthStores  = []string{"PostgreSQL", "Redis", "S3 bucket", "Kafka topic", "SQLite", "Elasticsearch"}
	synthOwners  = []string{"Platform team", "Payments team", "Identity team", "Data team"}
	synthPrivs   = []string{"", "user", "service account", "root"}
	synthProtos  = []string{"HTTPS", "HTTP", "gRPC", "SQL", "AMQP", "SSH", "TCP"}
	synthTitles  = []string{"Spoofed caller", "Tampered request", "Unlogged change", "Data leak", "Resource exhaustion", "Privilege escalation"}
	synthActions = []Decision{Undecided, Mitigate, Mitigate, Accept, Transfer, Avoid, NotApplicable}
)

func (g *synth) element(e *Element, i int) {
	r := g.rng.Float64()
	switch {
	case r < 0.20:
		e.Kind = Actor
		e.Name = g.numbered("User", i+1)
		e.Human = g.chance(0.7)
		e.Authenticates = g.chance(0.6)
	case r < 0.60:
		e.Kind = Process
		e.Name = g.numbered("Service", i+1)
		g.process(e)
	case r < 0.75:
		e.Kind = MultiProcess
		e.Name = g.numbered("Subsystem", i+1)
		g.process(e)
	default:
		e.Kind = Store
		e.Name = g.numbered("Store", i+1)
		e.Technology = g.pick(synthStores)
		e.IsLog = g.chance(0.1)
		e.EncryptedAtRest = g.chance(0.5)
		e.Signed = g.chance(0.2)
		e.StoresCredentials = g.chance(0.15)
		e.StoresPersonalData = g.chance(0.3)
		e.StoresSecrets = g.chance(0.1)
		e.BackedUp = g.chance(0.6)
		e.Shared = g.chance(0.2)
	}
	s := synthShapes[e.Kind]
	e.Bounds = g.centred(i, s.W, s.H)
	if g.chance(0.5) {
		e.Owner = g.pick(synthOwners)
	}
	if g.chance(0.2) {
		e.Controls = []Control{{Name: "TLS", InPlace: true}, {Name: "Rate limiting", InPlace: g.chance(0.5)}}
	}
	if g.chance(0.1) {
		e.Threats = []*Threat{g.threat(e.Kind)}
	}
}

func (g *synth) process(e *Element) {
	e.Technology = g.pick(synthTech)
	e.WebApplication = g.chance(0.4)
	e.PrivilegeLevel = g.pick(synthPrivs)
	e.ParsesUntrustedInput = g.chance(0.5)
	e.AuthenticatesUsers = g.chance(0.3)
	e.AuthorizesRequests = g.chance(0.3)
	e.WritesAuditLog = g.chance(0.3)
	e.HandlesPayments = g.chance(0.05)
	e.HandlesPersonalData = g.chance(0.3)
	e.ThirdPartyCode = g.chance(0.2)
}

// strideOf lists the STRIDE categories that apply to an element kind.
var strideOf = map[Kind][]string{
	Actor:        {"spoofing", "repudiation"},
	Process:      {"spoofing", "tampering", "repudiation", "information-disclosure", "denial-of-service", "elevation-of-privilege"},
	MultiProcess: {"spoofing", "tampering", "repudiation", "information-disclosure", "denial-of-service", "elevation-of-privilege"},
	Store:        {"tampering", "information-disclosure", "denial-of-service"},
}

func (g *synth) threat(k Kind) *Threat {
	t := &Threat{
		ID:         g.id(),
		Title:      g.pick(synthTitles),
		Category:   g.pick(strideOf[k]),
		Likelihood: Level(1 + g.rng.IntN(3)),
		Impact:     Level(1 + g.rng.IntN(3)),
		Mitigation: "Review and harden.",
		Decision:   synthActions[g.rng.IntN(len(synthActions))],
	}
	switch t.Decision {
	case Mitigate:
		t.Owner = g.pick(synthOwners)
		t.Ticket = "SEC-" + strconv.Itoa(100+g.rng.IntN(900))
		t.Due = Date{2027, time.Month(1 + g.rng.IntN(12)), 1 + g.rng.IntN(28)}
		t.Status = Status(g.rng.IntN(4))
	case Accept:
		t.Justification = "Low value target; monitoring covers it."
		t.AcceptedBy = "Product owner"
	case Transfer:
		t.Justification = "Covered by the hosting contract."
		t.TransferredTo = "Hosting provider"
	}
	return t
}

// flows connects mostly grid neighbours; some flows jump further and bend
// through a waypoint in the gap between cells.
func (g *synth) flows(els []*Element, n int) []*Flow {
	// The ends are picked at random: reading their IDs from a compact slice
	// rather than from the elements keeps those reads in the cache.
	ids := make([]string, len(els))
	for i, e := range els {
		ids[i] = e.ID
	}
	backing := make([]Flow, n)
	out := make([]*Flow, n)
	var bends []Point // one allocation for every flow's waypoints
	for k := range backing {
		f := &backing[k]
		out[k] = f
		f.ID = g.id()
		from := g.rng.IntN(len(els))
		to := g.target(from, len(els))
		f.From, f.To = ids[from], ids[to]
		if from%g.cols != to%g.cols && from/g.cols != to/g.cols && g.chance(0.5) {
			// An elbow down the column gap beside the source, towards the target.
			a, b := g.cell(from), g.cell(to)
			x := a.X
			if to%g.cols > from%g.cols {
				x += synthCell
			}
			if len(bends)+2 > cap(bends) {
				bends = make([]Point, 0, n-k+2)
			}
			bends = append(bends, Point{x, a.Y + synthCell/2}, Point{x, b.Y + synthCell/2})
			// The full slice expression makes an editor's append copy rather
			// than overwrite the next flow's waypoints.
			f.Waypoints = bends[len(bends)-2 : len(bends) : len(bends)]
		}
		f.Protocol = g.pick(synthProtos)
		f.Name = g.numbered(f.Protocol, k+1)
		f.Encrypted = f.Protocol == "HTTPS" || f.Protocol == "SSH" || (f.Protocol == "gRPC" && g.chance(0.7))
		f.AuthenticatesSource = g.chance(0.4)
		f.AuthenticatesDestination = f.Encrypted && g.chance(0.8)
		f.PublicNetwork = g.chance(0.15)
		f.Bidirectional = g.chance(0.1)
		f.Classification = DataClass(g.rng.IntN(5))
		f.CarriesCredentials = g.chance(0.1)
		f.CarriesPersonalData = g.chance(0.2)
		if g.chance(0.02) {
			f.Threats = []*Threat{{ID: g.id(), Title: "Eavesdropping", Category: "information-disclosure", Likelihood: Medium, Impact: High}}
		}
	}
	return out
}

// target picks the other end of a flow from element i: usually one of its
// eight neighbours, sometimes an element up to five cells away, rarely any.
func (g *synth) target(i, n int) int {
	r := g.rng.Float64()
	reach := 1
	switch {
	case r < 0.05:
		j := g.rng.IntN(n - 1)
		if j >= i {
			j++
		}
		return j
	case r < 0.20:
		reach = 5
	}
	col, row := i%g.cols, i/g.cols
	for range 8 {
		c := col + g.rng.IntN(2*reach+1) - reach
		rw := row + g.rng.IntN(2*reach+1) - reach
		j := rw*g.cols + c
		if c >= 0 && c < g.cols && rw >= 0 && j < n && j != i {
			return j
		}
	}
	// A corner of a small grid: fall back to the previous or next element.
	if i > 0 {
		return i - 1
	}
	return 1
}

// boundaries alternates boxes around a block of cells and polylines that run
// along the gaps between cells across the grid.
func (g *synth) boundaries(elements, n int) []*Boundary {
	rows := max(1, (elements+g.cols-1)/g.cols)
	out := make([]*Boundary, n)
	for k := range out {
		b := &Boundary{ID: g.id(), Name: "Zone " + strconv.Itoa(k+1)}
		out[k] = b
		if k%2 == 0 {
			b.Shape = BoundaryBox
			w, h := 1+g.rng.IntN(min(3, g.cols)), 1+g.rng.IntN(min(3, rows))
			c0, r0 := g.rng.IntN(g.cols-w+1), g.rng.IntN(rows-h+1)
			// The box follows the gaps between cells, midway between the
			// shapes it encloses and their neighbours outside.
			b.Bounds = Rect{float64(c0) * synthCell, float64(r0) * synthCell, float64(w) * synthCell, float64(h) * synthCell}
			continue
		}
		b.Shape = BoundaryLine
		// Down a column gap, jog along a row gap, continue down another column gap.
		x1 := float64(g.rng.IntN(g.cols+1)) * synthCell
		x2 := float64(g.rng.IntN(g.cols+1)) * synthCell
		y := float64(g.rng.IntN(rows+1)) * synthCell
		b.Points = []Point{{x1, 0}, {x1, y}}
		if x2 != x1 {
			b.Points = append(b.Points, Point{x2, y})
		}
		b.Points = append(b.Points, Point{x2, float64(rows) * synthCell})
		if b.Points[0] == b.Points[1] {
			b.Points = b.Points[1:]
		}
		if last := len(b.Points) - 1; b.Points[last] == b.Points[last-1] {
			b.Points = b.Points[:last]
		}
	}
	return out
}
