package interop

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/threatboard/threatboard/layout"
	"github.com/threatboard/threatboard/model"
)

// Threagile import. A Threagile model is YAML: technical assets, their
// communication links, trust boundaries (nested), data assets and the
// tracking of risks. It has no coordinates: the diagram is laid out with
// layout.Layered and each boundary box drawn around what it holds.
// docs/IMPORT.md lists the mappings.

// The persisted form, as Threagile's own input package names it; fields
// not listed here are not read (the notes say which sections are skipped).
type threagileFile struct {
	Version                  string                           `yaml:"threagile_version"`
	Title                    string                           `yaml:"title"`
	Date                     string                           `yaml:"date"`
	Author                   struct{ Name string }            `yaml:"author"`
	ManagementSummaryComment string                           `yaml:"management_summary_comment"`
	BusinessCriticality      string                           `yaml:"business_criticality"`
	BusinessOverview         struct{ Description string }     `yaml:"business_overview"`
	TechnicalOverview        struct{ Description string }     `yaml:"technical_overview"`
	Questions                map[string]string                `yaml:"questions"`
	AbuseCases               map[string]string                `yaml:"abuse_cases"`
	SecurityRequirements     map[string]string                `yaml:"security_requirements"`
	DataAssets               map[string]threagileDataAsset    `yaml:"data_assets"`
	TechnicalAssets          map[string]threagileAsset        `yaml:"technical_assets"`
	TrustBoundaries          map[string]threagileBoundary     `yaml:"trust_boundaries"`
	SharedRuntimes           map[string]threagileRuntime      `yaml:"shared_runtimes"`
	IndividualRiskCategories map[string]threagileRiskCategory `yaml:"individual_risk_categories"`
	RiskTracking             map[string]threagileTracking     `yaml:"risk_tracking"`
}

type threagileDataAsset struct {
	ID              string `yaml:"id"`
	Description     string `yaml:"description"`
	Confidentiality string `yaml:"confidentiality"`
	Integrity       string `yaml:"integrity"`
	Availability    string `yaml:"availability"`
}

type threagileAsset struct {
	ID                      string                   `yaml:"id"`
	Description             string                   `yaml:"description"`
	Type                    string                   `yaml:"type"`
	UsedAsClientByHuman     bool                     `yaml:"used_as_client_by_human"`
	OutOfScope              bool                     `yaml:"out_of_scope"`
	JustificationOutOfScope string                   `yaml:"justification_out_of_scope"`
	Technology              string                   `yaml:"technology"`
	Tags                    []string                 `yaml:"tags"`
	Internet                bool                     `yaml:"internet"`
	Machine                 string                   `yaml:"machine"`
	Encryption              string                   `yaml:"encryption"`
	Owner                   string                   `yaml:"owner"`
	Confidentiality         string                   `yaml:"confidentiality"`
	Integrity               string                   `yaml:"integrity"`
	Availability            string                   `yaml:"availability"`
	MultiTenant             bool                     `yaml:"multi_tenant"`
	Redundant               bool                     `yaml:"redundant"`
	CustomDevelopedParts    bool                     `yaml:"custom_developed_parts"`
	DataAssetsProcessed     []string                 `yaml:"data_assets_processed"`
	DataAssetsStored        []string                 `yaml:"data_assets_stored"`
	CommunicationLinks      map[string]threagileLink `yaml:"communication_links"`
}

type threagileLink struct {
	Target             string   `yaml:"target"`
	Description        string   `yaml:"description"`
	Protocol           string   `yaml:"protocol"`
	Authentication     string   `yaml:"authentication"`
	Authorization      string   `yaml:"authorization"`
	Tags               []string `yaml:"tags"`
	VPN                bool     `yaml:"vpn"`
	IPFiltered         bool     `yaml:"ip_filtered"`
	Readonly           bool     `yaml:"readonly"`
	Usage              string   `yaml:"usage"`
	DataAssetsSent     []string `yaml:"data_assets_sent"`
	DataAssetsReceived []string `yaml:"data_assets_received"`
}

type threagileBoundary struct {
	ID                    string   `yaml:"id"`
	Description           string   `yaml:"description"`
	Type                  string   `yaml:"type"`
	Tags                  []string `yaml:"tags"`
	TechnicalAssetsInside []string `yaml:"technical_assets_inside"`
	TrustBoundariesNested []string `yaml:"trust_boundaries_nested"`
}

type threagileRuntime struct {
	ID                     string   `yaml:"id"`
	TechnicalAssetsRunning []string `yaml:"technical_assets_running"`
}

type threagileRiskCategory struct {
	ID              string                         `yaml:"id"`
	Description     string                         `yaml:"description"`
	Mitigation      string                         `yaml:"mitigation"`
	STRIDE          string                         `yaml:"stride"`
	RisksIdentified map[string]threagileIdentified `yaml:"risks_identified"`
}

type threagileIdentified struct {
	Severity                   string `yaml:"severity"`
	ExploitationLikelihood     string `yaml:"exploitation_likelihood"`
	ExploitationImpact         string `yaml:"exploitation_impact"`
	MostRelevantTechnicalAsset string `yaml:"most_relevant_technical_asset"`
}

type threagileTracking struct {
	Status        string `yaml:"status"`
	Justification string `yaml:"justification"`
	Ticket        string `yaml:"ticket"`
	Date          string `yaml:"date"`
	CheckedBy     string `yaml:"checked_by"`
}

// The sizes the layout starts from, by kind.
var threagileSizes = map[model.Kind]model.Point{
	model.Actor: {X: 130, Y: 60}, model.Process: {X: 100, Y: 100}, model.Store: {X: 130, Y: 60}, model.Note: {X: 130, Y: 60},
}

// threagileKinds maps a technical asset's type.
var threagileKinds = map[string]model.Kind{
	"external-entity": model.Actor, "process": model.Process, "datastore": model.Store,
}

// threagileEncrypted are the protocols that encrypt the channel.
var threagileEncrypted = map[string]bool{
	"https": true, "wss": true, "jdbc-encrypted": true, "odbc-encrypted": true, "sql-access-protocol-encrypted": true,
	"nosql-access-protocol-encrypted": true, "binary-encrypted": true, "text-encrypted": true, "ssh": true, "ssh-tunnel": true,
	"smtp-encrypted": true, "pop3-encrypted": true, "imap-encrypted": true, "ftps": true, "sftp": true, "scp": true,
	"ldaps": true, "reverse-proxy-web-protocol-encrypted": true, "iiop-encrypted": true, "jrmp-encrypted": true,
	"smb-encrypted": true, "nfs-encrypted": true, "mqtt-encrypted": true,
}

// threagileClasses maps a data asset's confidentiality to our data class.
var threagileClasses = map[string]model.DataClass{
	"public": model.DataPublic, "internal": model.DataInternal, "restricted": model.DataConfidential,
	"confidential": model.DataConfidential, "strictly-confidential": model.DataSecret,
}

// threagileStatuses maps risk tracking to a decision and a status.
var threagileStatuses = map[string]struct {
	Decision model.Decision
	Status   model.Status
}{
	"unchecked":      {model.Undecided, model.Open},
	"in-discussion":  {model.Undecided, model.InProgress},
	"accepted":       {model.Accept, model.Done},
	"in-progress":    {model.Mitigate, model.InProgress},
	"mitigated":      {model.Mitigate, model.Done},
	"false-positive": {model.NotApplicable, model.Done},
}

// importThreagile imports a Threagile YAML model.
func importThreagile(data []byte) (*Result, error) {
	return threagileImporter{newID: model.NewID}.run(data)
}

type threagileImporter struct {
	newID func() string
}

type threagileRun struct {
	threagileImporter
	f        threagileFile
	r        *Result
	d        *model.Diagram
	assets   map[string]*model.Element // by Threagile ID
	assetIDs map[string]string         // Threagile ID by element ID
	titles   map[string]string         // data asset ID → title
	// threats from individual risks, by category ID and asset ID, so that
	// risk tracking can decide them
	threats map[[2]string]*model.Threat
}

func (imp threagileImporter) run(data []byte) (*Result, error) {
	var f threagileFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not a valid Threagile model: %w", err)
	}
	if f.Version == "" {
		return nil, errors.New("not a Threagile model: no threagile_version")
	}
	run := &threagileRun{threagileImporter: imp, f: f, assets: map[string]*model.Element{}, assetIDs: map[string]string{}, titles: map[string]string{},
		threats: map[[2]string]*model.Threat{}}
	title := f.Title
	if title == "" {
		title = "Threagile model"
	}
	run.d = &model.Diagram{ID: imp.newID(), Title: title}
	run.r = &Result{Model: &model.Model{ID: imp.newID(), Title: title, Owner: f.Author.Name, Diagrams: []*model.Diagram{run.d}}, Format: Threagile}
	for _, k := range sortedKeys(f.DataAssets) {
		run.titles[cmp.Or(f.DataAssets[k].ID, k)] = k
	}
	if err := run.elements(); err != nil {
		return nil, err
	}
	run.links()
	run.place()
	run.risks()
	run.tracking()
	run.meta()
	return run.r, nil
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

func (run *threagileRun) note(where, msg string) {
	run.r.Notes = append(run.r.Notes, Note{Where: where, Message: msg})
}

// elements reads the technical assets, in the order of their IDs.
func (run *threagileRun) elements() error {
	byID := map[string]string{}
	for _, title := range sortedKeys(run.f.TechnicalAssets) {
		a := run.f.TechnicalAssets[title]
		id := cmp.Or(a.ID, title)
		if other, dup := byID[id]; dup {
			return fmt.Errorf("technical assets %q and %q have the same id %q", other, title, id)
		}
		byID[id] = title
	}
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		title := byID[id]
		a := run.f.TechnicalAssets[title]
		where := fmt.Sprintf("technical asset %q", title)
		kind, ok := threagileKinds[a.Type]
		if !ok {
			kind = model.Note
			run.note(where, fmt.Sprintf("type %q is not external-entity, process or datastore: kept as a text note", a.Type))
		}
		size := threagileSizes[kind]
		e := &model.Element{ID: run.newID(), Kind: kind, Bounds: model.Rect{W: size.X, H: size.Y}}
		e.Name = title
		run.assets[id] = e
		run.assetIDs[e.ID] = id
		run.d.Elements = append(run.d.Elements, e)
		if kind == model.Note {
			continue
		}
		e.Description = strings.TrimSpace(a.Description)
		e.Technology = a.Technology
		e.Owner = a.Owner
		e.OutOfScope = a.OutOfScope
		e.OutOfScopeReason = strings.TrimSpace(a.JustificationOutOfScope)
		e.Tags = append(e.Tags, a.Tags...)
		switch kind {
		case model.Actor:
			e.Human = a.UsedAsClientByHuman
		case model.Process:
			e.ThirdPartyCode = !a.CustomDevelopedParts
		case model.Store:
			e.EncryptedAtRest = a.Encryption != "" && a.Encryption != "none"
			e.Shared = a.MultiTenant
		}
		for _, list := range []struct {
			word string
			ids  []string
		}{{"processes", a.DataAssetsProcessed}, {"stores", a.DataAssetsStored}} {
			for _, d := range list.ids {
				e.Tags = append(e.Tags, "data "+list.word+": "+run.dataTitle(where, d))
			}
		}
		for _, cia := range []struct{ k, v string }{{"confidentiality", a.Confidentiality}, {"integrity", a.Integrity}, {"availability", a.Availability}} {
			if cia.v != "" {
				e.Tags = append(e.Tags, cia.k+": "+cia.v)
			}
		}
		if a.Internet {
			e.Tags = append(e.Tags, "internet")
		}
	}
	for _, title := range sortedKeys(run.f.SharedRuntimes) {
		for _, id := range run.f.SharedRuntimes[title].TechnicalAssetsRunning {
			if e := run.assets[id]; e != nil {
				e.Tags = append(e.Tags, "runtime: "+title)
			} else {
				run.note(fmt.Sprintf("shared runtime %q", title), fmt.Sprintf("unknown technical asset %q: left out", id))
			}
		}
	}
	return nil
}

// dataTitle names a data asset by its title, noting an unknown ID.
func (run *threagileRun) dataTitle(where, id string) string {
	if t, ok := run.titles[id]; ok {
		return t
	}
	run.note(where, fmt.Sprintf("unknown data asset %q: kept by its ID", id))
	return id
}

// links turns the communication links into flows from their asset.
func (run *threagileRun) links() {
	for _, id := range slices.Sorted(maps.Keys(run.assets)) {
		from := run.assets[id]
		a := run.f.TechnicalAssets[from.Name]
		for _, title := range sortedKeys(a.CommunicationLinks) {
			l := a.CommunicationLinks[title]
			where := fmt.Sprintf("technical asset %q › communication link %q", from.Name, title)
			to := run.assets[l.Target]
			switch {
			case to == nil:
				run.note(where, fmt.Sprintf("unknown target %q: left out", l.Target))
				continue
			case !from.Kind.Connectable() || !to.Kind.Connectable():
				run.note(where, "one end is not an actor, process or store: left out")
				continue
			}
			f := &model.Flow{ID: run.newID(), From: from.ID, To: to.ID}
			f.Name = title
			f.Description = strings.TrimSpace(l.Description)
			f.Protocol = l.Protocol
			f.Encrypted = threagileEncrypted[l.Protocol] || l.VPN
			f.AuthenticatesSource = l.Authentication != "" && l.Authentication != "none"
			f.CarriesCredentials = l.Authentication == "credentials"
			f.PublicNetwork = slices.Contains(to.Tags, "internet") || slices.Contains(from.Tags, "internet")
			f.Tags = append(f.Tags, l.Tags...)
			if l.Authentication != "" && l.Authentication != "none" {
				f.Tags = append(f.Tags, "authentication: "+l.Authentication)
			}
			if l.Authorization != "" && l.Authorization != "none" {
				f.Tags = append(f.Tags, "authorization: "+l.Authorization)
			}
			for _, flag := range []struct {
				on   bool
				word string
			}{{l.VPN, "vpn"}, {l.IPFiltered, "ip-filtered"}, {l.Readonly, "readonly"}, {l.Usage == "devops", "devops"}} {
				if flag.on {
					f.Tags = append(f.Tags, flag.word)
				}
			}
			for _, list := range []struct {
				word string
				ids  []string
			}{{"sent", l.DataAssetsSent}, {"received", l.DataAssetsReceived}} {
				for _, d := range list.ids {
					f.Tags = append(f.Tags, "data "+list.word+": "+run.dataTitle(where, d))
					if c := threagileClasses[run.f.DataAssets[run.titles[d]].Confidentiality]; c > f.Classification {
						f.Classification = c
					}
				}
			}
			run.d.Flows = append(run.d.Flows, f)
		}
	}
}

// The margins of a boundary box around what it holds, and the room for its
// name on top.
const (
	threagileBoxPad   = 20.0
	threagileBoxLabel = 20.0
)

// threagileGroup is a trust boundary, or the whole diagram (id ""), with
// what it holds directly: technical assets and nested boundaries.
type threagileGroup struct {
	id, title string
	assets    []string
	nested    []*threagileGroup
	parent    *threagileGroup
	size      model.Point // of its box (of its content for the diagram)
	offset    model.Point // of its box within its parent's content
}

// place lays the diagram out with layout.Layered, one boundary at a time
// from the inside out: a nested boundary is laid out first and then placed
// as one block among its siblings, so that each box holds what it holds
// and nothing else.
func (run *threagileRun) place() {
	root, groups, owner := run.groups()
	flows := run.blockFlows(root, owner)
	rel := map[string]model.Rect{} // element bounds within their group's content
	var arrange func(g *threagileGroup)
	arrange = func(g *threagileGroup) {
		for _, c := range g.nested {
			arrange(c)
		}
		run.arrange(g, rel, flows[g])
	}
	arrange(root)
	var draw func(g *threagileGroup, at model.Point)
	draw = func(g *threagileGroup, at model.Point) {
		content := at
		if g.id != "" {
			b := run.f.TrustBoundaries[g.title]
			desc := strings.TrimSpace(b.Description)
			if b.Type != "" {
				desc = strings.TrimSpace(desc + "\n\nType: " + b.Type)
			}
			run.d.Boundaries = append(run.d.Boundaries, &model.Boundary{ID: run.newID(), Name: g.title, Description: desc,
				Shape: model.BoundaryBox, Bounds: model.Rect{X: at.X, Y: at.Y, W: g.size.X, H: g.size.Y}})
			content = model.Point{X: at.X + threagileBoxPad, Y: at.Y + threagileBoxPad + threagileBoxLabel}
		}
		for _, a := range g.assets {
			e := run.assets[a]
			r := rel[a]
			e.Bounds = model.Rect{X: content.X + r.X, Y: content.Y + r.Y, W: r.W, H: r.H}
		}
		for _, c := range g.nested {
			draw(c, content.Add(c.offset))
		}
	}
	draw(root, model.Point{})
	for _, g := range groups {
		if g.id != "" && len(g.assets) == 0 && len(g.nested) == 0 {
			run.note(fmt.Sprintf("trust boundary %q", g.title), "holds no technical asset: drawn empty")
		}
	}
	run.note(fmt.Sprintf("diagram %q", run.d.Title), "Threagile has no coordinates: laid out automatically, boundary by boundary")
}

// groups builds the tree of trust boundaries. A boundary nested in several
// others stays in the first (by ID); an asset in several boundaries stays
// in the first that lists it; both with a note.
func (run *threagileRun) groups() (*threagileGroup, []*threagileGroup, map[string]*threagileGroup) {
	root := &threagileGroup{}
	byID := map[string]*threagileGroup{}
	var all []*threagileGroup
	for _, title := range sortedKeys(run.f.TrustBoundaries) {
		id := cmp.Or(run.f.TrustBoundaries[title].ID, title)
		if byID[id] != nil {
			run.note(fmt.Sprintf("trust boundary %q", title), fmt.Sprintf("a second boundary with id %q: left out", id))
			continue
		}
		g := &threagileGroup{id: id, title: title}
		byID[id] = g
		all = append(all, g)
	}
	slices.SortFunc(all, func(a, b *threagileGroup) int { return cmp.Compare(a.id, b.id) })
	ancestor := func(g, of *threagileGroup) bool {
		for p := of; p != nil; p = p.parent {
			if p == g {
				return true
			}
		}
		return false
	}
	owner := map[string]*threagileGroup{}
	for _, g := range all {
		where := fmt.Sprintf("trust boundary %q", g.title)
		b := run.f.TrustBoundaries[g.title]
		for _, n := range b.TrustBoundariesNested {
			c := byID[n]
			switch {
			case c == nil:
				run.note(where, fmt.Sprintf("unknown nested trust boundary %q: left out", n))
			case c.parent != nil:
				run.note(where, fmt.Sprintf("nests %q, which is already nested in %q: drawn there only", c.title, c.parent.title))
			case ancestor(c, g):
				run.note(where, fmt.Sprintf("nests %q, which holds it: the loop is cut", c.title))
			default:
				c.parent = g
				g.nested = append(g.nested, c)
			}
		}
		for _, a := range b.TechnicalAssetsInside {
			switch {
			case run.assets[a] == nil:
				run.note(where, fmt.Sprintf("unknown technical asset %q inside: left out", a))
			case owner[a] != nil:
				run.note(where, fmt.Sprintf("technical asset %q is also inside %q: drawn there only", a, owner[a].title))
			default:
				owner[a] = g
				g.assets = append(g.assets, a)
			}
		}
	}
	for _, g := range all {
		if g.parent == nil {
			g.parent = root
			root.nested = append(root.nested, g)
		}
	}
	for _, a := range slices.Sorted(maps.Keys(run.assets)) {
		if owner[a] == nil {
			owner[a] = root
			root.assets = append(root.assets, a)
		}
	}
	return root, all, owner
}

// blockFlows gives each group the flows its layout must see: a flow counts
// in the innermost group that holds both its ends, between the two blocks
// (an asset, or a nested boundary) its ends fall in there.
func (run *threagileRun) blockFlows(root *threagileGroup, owner map[string]*threagileGroup) map[*threagileGroup][]*model.Flow {
	chain := func(a string) []*threagileGroup { // the asset's group, up to the root
		var c []*threagileGroup
		for g := owner[a]; g != nil; g = g.parent {
			c = append(c, g)
		}
		return c
	}
	out := map[*threagileGroup][]*model.Flow{}
	for _, f := range run.d.Flows {
		a, b := run.assetOf(f.From), run.assetOf(f.To)
		ca, cb := chain(a), chain(b)
		i, j := len(ca)-1, len(cb)-1
		for i > 0 && j > 0 && ca[i-1] == cb[j-1] {
			i, j = i-1, j-1
		}
		block := func(c []*threagileGroup, k int, asset string) string {
			if k == 0 {
				return asset
			}
			return "#" + c[k-1].id
		}
		ka, kb := block(ca, i, a), block(cb, j, b)
		if ka != kb {
			out[ca[i]] = append(out[ca[i]], &model.Flow{ID: f.ID, From: ka, To: kb})
		}
	}
	return out
}

// arrange lays out what g holds directly, each nested boundary as one
// block of its size, with flows, the flows between them (see blockFlows),
// and sets g's size.
func (run *threagileRun) arrange(g *threagileGroup, rel map[string]model.Rect, flows []*model.Flow) {
	tmp := &model.Diagram{}
	add := func(key string, size model.Point) {
		tmp.Elements = append(tmp.Elements, &model.Element{ID: key, Kind: model.Process, Bounds: model.Rect{W: size.X, H: size.Y}})
	}
	for _, a := range g.assets {
		b := run.assets[a].Bounds
		add(a, model.Point{X: b.W, Y: b.H})
	}
	for _, c := range g.nested {
		add("#"+c.id, c.size)
	}
	tmp.Flows = flows
	rects := layout.Layered(tmp, nil)
	var x1, y1 float64
	for _, e := range tmp.Elements {
		r := rects[e.ID]
		x1, y1 = max(x1, r.X+r.W), max(y1, r.Y+r.H)
	}
	for _, a := range g.assets {
		rel[a] = rects[a]
	}
	for _, c := range g.nested {
		r := rects["#"+c.id]
		c.offset = model.Point{X: r.X, Y: r.Y}
	}
	g.size = model.Point{X: x1, Y: y1}
	if g.id != "" {
		g.size = model.Point{X: x1 + 2*threagileBoxPad, Y: y1 + 2*threagileBoxPad + threagileBoxLabel}
	}
}

// assetOf is the Threagile ID of the element with model ID id.
func (run *threagileRun) assetOf(id string) string { return run.assetIDs[id] }

// threagileLevel maps Threagile's ratings onto Low/Medium/High.
var threagileLevel = map[string]model.Level{
	"low": model.Low, "unlikely": model.Low, "medium": model.Medium, "likely": model.Medium, "elevated": model.Medium,
	"high": model.High, "very-high": model.High, "very-likely": model.High, "frequent": model.High, "critical": model.High,
}

// risks records the individual risks a model identifies by hand as threats
// on their most relevant technical asset.
func (run *threagileRun) risks() {
	for _, title := range sortedKeys(run.f.IndividualRiskCategories) {
		c := run.f.IndividualRiskCategories[title]
		cat := cmp.Or(c.ID, title)
		for _, rt := range sortedKeys(c.RisksIdentified) {
			ri := c.RisksIdentified[rt]
			where := fmt.Sprintf("individual risk category %q › risk %q", title, stripHTML(rt))
			e := run.assets[ri.MostRelevantTechnicalAsset]
			if e == nil || !e.Kind.Connectable() {
				run.note(where, fmt.Sprintf("its most relevant technical asset %q is not imported: left out", ri.MostRelevantTechnicalAsset))
				continue
			}
			t := &model.Threat{ID: run.newID(), Title: stripHTML(rt), Description: strings.TrimSpace(c.Description),
				Mitigation: strings.TrimSpace(c.Mitigation), Likelihood: threagileLevel[ri.ExploitationLikelihood],
				Impact: threagileLevel[ri.ExploitationImpact]}
			if s, ok := strideCategory(c.STRIDE); ok {
				t.Category = s
			}
			e.Threats = append(e.Threats, t)
			run.threats[[2]string{cat, ri.MostRelevantTechnicalAsset}] = t
		}
	}
}

// tracking applies risk tracking: "category@asset…" (with * wildcards)
// decides the threat of that category on each named asset, recorded as a
// new threat when the model did not identify it by hand. Threagile finds
// most risks itself when it analyses; an entry that names no asset cannot
// be placed without that analysis and is only noted.
func (run *threagileRun) tracking() {
	for _, key := range sortedKeys(run.f.RiskTracking) {
		tr := run.f.RiskTracking[key]
		where := fmt.Sprintf("risk tracking %q", key)
		parts := strings.Split(key, "@")
		cat := parts[0]
		st, ok := threagileStatuses[tr.Status]
		if !ok {
			run.note(where, fmt.Sprintf("status %q is not a Threagile status: left out", tr.Status))
			continue
		}
		placed := false
		for _, p := range parts[1:] {
			e := run.assets[p]
			if e == nil || !e.Kind.Connectable() {
				continue
			}
			t := run.threats[[2]string{cat, p}]
			if t == nil {
				t = &model.Threat{ID: run.newID(), Title: threagileTitle(cat)}
				e.Threats = append(e.Threats, t)
				run.threats[[2]string{cat, p}] = t
			}
			t.Decision, t.Status = st.Decision, st.Status
			t.Justification = strings.TrimSpace(tr.Justification)
			t.Ticket = tr.Ticket
			if t.Decision == model.Accept {
				t.AcceptedBy = tr.CheckedBy
			}
			if tr.Status == "in-discussion" {
				run.note(where, "in discussion: imported as undecided, in progress")
			}
			placed = true
			break
		}
		if !placed {
			run.note(where, "names no technical asset of the model (Threagile finds these risks when it analyses): not imported as a threat")
		}
	}
}

// threagileTitle makes a risk category ID readable: "untrusted-deserialization"
// becomes "Untrusted deserialization".
func threagileTitle(id string) string {
	s := strings.ReplaceAll(id, "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// meta fills the model's description from the overview sections and a
// session from the author and the date.
func (run *threagileRun) meta() {
	f, m := run.f, run.r.Model
	var parts []string
	add := func(label, text string) {
		if text = stripHTML(text); text != "" {
			parts = append(parts, label+text)
		}
	}
	add("", f.ManagementSummaryComment)
	add("Business overview: ", f.BusinessOverview.Description)
	add("Technical overview: ", f.TechnicalOverview.Description)
	add("Business criticality: ", f.BusinessCriticality)
	for _, sec := range []struct {
		label string
		m     map[string]string
	}{{"Security requirements", f.SecurityRequirements}, {"Abuse cases", f.AbuseCases}, {"Questions", f.Questions}} {
		if len(sec.m) == 0 {
			continue
		}
		lines := []string{sec.label + ":"}
		for _, k := range sortedKeys(sec.m) {
			lines = append(lines, "- "+strings.TrimSpace(k+": "+strings.TrimSpace(sec.m[k])))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	if len(f.DataAssets) > 0 {
		lines := []string{"Data assets:"}
		for _, k := range sortedKeys(f.DataAssets) {
			da := f.DataAssets[k]
			lines = append(lines, fmt.Sprintf("- %s (confidentiality %s, integrity %s, availability %s): %s", k,
				cmp.Or(da.Confidentiality, "?"), cmp.Or(da.Integrity, "?"), cmp.Or(da.Availability, "?"), strings.TrimSpace(da.Description)))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	m.Description = strings.Join(parts, "\n\n")
	var date model.Date
	if f.Date != "" {
		if t, err := time.Parse("2006-01-02", f.Date); err == nil {
			date = model.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
		} else {
			run.note("model", fmt.Sprintf("date %q is not YYYY-MM-DD: left out", f.Date))
		}
	}
	if f.Author.Name != "" || date != (model.Date{}) {
		s := &model.Session{ID: run.newID(), Date: date}
		if f.Author.Name != "" {
			s.Participants = []model.Participant{{Name: f.Author.Name, Role: "author"}}
		}
		m.Sessions = append(m.Sessions, s)
	}
}
