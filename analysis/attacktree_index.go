package analysis

import (
	"cmp"
	"hash/maphash"
	"slices"

	"github.com/threatboard/threatboard/model"
)

// idIndex finds a node's pre-order position by its ID: the hashes of the IDs
// with their positions, sorted by hash. Building it is a hash per node,
// taken during the walk, and four sequential radix passes; a
// map[string]int32 costs a random probe per insert, and on a tree of 100,000
// nodes that was half the evaluation. Repeated IDs sit next to each other
// once sorted.
type idIndex struct {
	seed maphash.Seed
	keys []uint64 // hash<<32 | position
}

func (x idIndex) hash(id string) uint32 { return uint32(maphash.String(x.seed, id) >> 32) }

// radixSortHigh sorts keys by their upper 32 bits, stably, so that equal
// hashes keep their positions in ascending order.
func radixSortHigh(keys []uint64) []uint64 {
	buf := make([]uint64, len(keys))
	for shift := 32; shift < 64; shift += 8 {
		var count [257]int
		for _, k := range keys {
			count[(k>>shift)&0xff+1]++
		}
		for b := 1; b < len(count); b++ {
			count[b] += count[b-1]
		}
		for _, k := range keys {
			b := (k >> shift) & 0xff
			buf[count[b]] = k
			count[b]++
		}
		keys, buf = buf, keys
	}
	return keys
}

// find returns the position in nodes of the first node with the given ID.
func (x idIndex) find(nodes []*model.Node, id string) (int32, bool) {
	h := uint64(x.hash(id))
	i, _ := slices.BinarySearchFunc(x.keys, h, func(k, h uint64) int { return cmp.Compare(k>>32, h) })
	for ; i < len(x.keys) && x.keys[i]>>32 == h; i++ {
		if p := int32(x.keys[i]); nodes[p].ID == id {
			return p, true
		}
	}
	return 0, false
}

// repeat pairs a node whose ID appeared before with the first node that has it.
type repeat struct{ first, repeat int32 }

// repeats lists every node whose ID an earlier node already has.
func (x idIndex) repeats(nodes []*model.Node) []repeat {
	var out []repeat
	for i := 0; i < len(x.keys); {
		j := i + 1
		for j < len(x.keys) && x.keys[j]>>32 == x.keys[i]>>32 {
			j++
		}
		if j-i > 1 {
			// Equal hashes, in document order: tell repeats from hash
			// collisions by the IDs themselves. A run is nearly always
			// one ID, so the map stays tiny.
			first := map[string]int32{}
			for _, k := range x.keys[i:j] {
				p := int32(k)
				id := nodes[p].ID
				if f, ok := first[id]; ok {
					out = append(out, repeat{f, p})
				} else {
					first[id] = p
				}
			}
		}
		i = j
	}
	return out
}
