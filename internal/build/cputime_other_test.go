//go:build !unix

package build

import "time"

// cpuTime returns 0 where the CPU time of the process is not at hand.
func cpuTime() time.Duration { return 0 }
