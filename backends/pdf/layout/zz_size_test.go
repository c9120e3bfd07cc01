package layout

import (
	"testing"
	"unsafe"
)

func TestZZSizes(t *testing.T) {
	t.Logf("frag %d vitem %d vbox %d paraCache %d lineStats %d placed %d", unsafe.Sizeof(frag{}), unsafe.Sizeof(vitem{}), unsafe.Sizeof(vbox{}), unsafe.Sizeof(paraCache{}), unsafe.Sizeof(lineStats{}), unsafe.Sizeof(placed{}))
}
