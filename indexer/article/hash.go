package article

// Mix64 is the splitmix64 finalizer: every input bit affects every output
// bit, so any bits of its result serve as independent hash bits. The story
// sketches and the boilerplate learner both hash words and lines with it;
// it lives here, the package both already import, so they share one copy.
func Mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}
