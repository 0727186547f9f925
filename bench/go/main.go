// SPDX-License-Identifier: MIT

// Command gochanbench is the Go side of gochan's benchmark suite.  The same
// file is built twice, by `go build` (gc) and by gccgo, and measured beside
// ../c/bench.c, which does the same work with gochan.  The two files are
// kept parallel, benchmark by benchmark: a change to one is made to the other.
//
// Usage:
//
//	gochanbench <bench> [N [WARMUPS]]
//	gochanbench list
//
// runs one benchmark WARMUPS times unmeasured (default 1; always 0 for the
// memory benchmark, whose figure is the growth of a fresh process), then
// once measured, and prints
//
//	INFO <bench> n=<N> procs=<GOMAXPROCS>
//	RESULT <bench> <value> <unit>
//
// where unit is ns/op (what an op is: see the table below and
// ../README.md) or bytes/goroutine; echo prints a second figure of the
// same run, RESULT echo_p99 <ns> ns.  A few benchmarks also print
// CHECK <bench> <value>, a result the runner compares across systems.
// A benchmark that computes a wrong result says so on stderr and exits 1.
// The number of processors comes from GOMAXPROCS in the environment.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

type bench struct {
	name string
	defN int                 // the suite's full-size N
	unit string              // ns/op or bytes/goroutine
	run  func(n int) float64 // one run: the value, in unit
	op   string              // what one op is
	// A second figure of the same run, printed as its own RESULT line
	// (RESULT <extra> <extraValue> <extraUnit>) after the first.
	extra, extraUnit string
}

// The second figure of the last run of a benchmark that has one.
var extraValue float64

var benches = []bench{
	{"spawn", 1000000, "ns/op", spawn, "start N goroutines that wait on a gate, open it, wait for all", "", ""},
	{"spawn_serial", 1000000, "ns/op", spawnSerial, "start one goroutine and wait for it, N times", "", ""},
	{"yield", 10000000, "ns/op", yield, "one Gosched, two goroutines yielding", "", ""},
	{"pingpong", 1000000, "ns/op", pingpong, "one round trip over two unbuffered channels", "", ""},
	{"buffered", 10000000, "ns/op", buffered, "one item through a channel of capacity 1024", "", ""},
	{"select2", 1000000, "ns/op", func(n int) float64 { return selectN(n, 2) }, "one select receiving from 2 unbuffered channels", "", ""},
	{"select8", 1000000, "ns/op", func(n int) float64 { return selectN(n, 8) }, "one select receiving from 8 unbuffered channels", "", ""},
	{"mutex4", 10000000, "ns/op", mutex4, "one Lock+Unlock, 4 goroutines contending", "", ""},
	{"waitgroup", 10000000, "ns/op", waitgroup, "one Add(1)+Done, 4 goroutines on one WaitGroup", "", ""},
	{"sieve", 5000, "ns/op", sieve, "one prime out of the chain of filter goroutines", "", ""},
	{"fanout", 10000, "ns/op", fanout, "one CPU-bound job through 8 workers", "", ""},
	{"park", 100000, "bytes/goroutine", park, "RSS growth per goroutine parked on a channel", "", ""},
	{"echo", 1000, "ns/op", echo, "one 64-byte message echoed over TCP, N connections at once", "echo_p99", "ns"},
}

func fail(name, format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "gochanbench: %s: %s\n", name, fmt.Sprintf(format, args...))
	os.Exit(1)
}

func perOp(d time.Duration, ops int) float64 {
	return float64(d.Nanoseconds()) / float64(ops)
}

// spawn: N goroutines started, all alive at once: each blocks on a gate
// channel until main has started all of them and closed it, then finishes.
// One op: a goroutine's start, one park and wake, and its exit.
func spawn(n int) float64 {
	var wg sync.WaitGroup
	gate := make(chan int)
	start := time.Now()
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			<-gate
			wg.Done()
		}()
	}
	close(gate)
	wg.Wait()
	return perOp(time.Since(start), n)
}

// spawnSerial: start one goroutine and wait for it to finish, N times.
func spawnSerial(n int) float64 {
	done := make(chan int)
	start := time.Now()
	for i := 0; i < n; i++ {
		go func() { done <- 1 }()
		<-done
	}
	return perOp(time.Since(start), n)
}

// yield: two goroutines each call Gosched N/2 times.
func yield(n int) float64 {
	half := n / 2
	var wg sync.WaitGroup
	wg.Add(1)
	start := time.Now()
	go func() {
		for i := 0; i < half; i++ {
			runtime.Gosched()
		}
		wg.Done()
	}()
	for i := 0; i < half; i++ {
		runtime.Gosched()
	}
	wg.Wait()
	return perOp(time.Since(start), 2*half)
}

// pingpong: N round trips: main sends on ping, an echo goroutine sends the
// value back on pong.  Both channels unbuffered.
func pingpong(n int) float64 {
	ping := make(chan int)
	pong := make(chan int)
	go func() {
		for v := range ping {
			pong <- v
		}
		close(pong)
	}()
	start := time.Now()
	sum := 0
	for i := 0; i < n; i++ {
		ping <- i
		sum += <-pong
	}
	d := time.Since(start)
	close(ping)
	if _, ok := <-pong; ok {
		fail("pingpong", "pong not closed")
	}
	if want := n * (n - 1) / 2; sum != want {
		fail("pingpong", "sum %d, want %d", sum, want)
	}
	return perOp(d, n)
}

// buffered: main sends N items into a channel of capacity 1024, one
// consumer goroutine sums them until the channel is closed.
func buffered(n int) float64 {
	ch := make(chan int, 1024)
	done := make(chan int)
	go func() {
		s := 0
		for v := range ch {
			s += v
		}
		done <- s
	}()
	start := time.Now()
	for i := 0; i < n; i++ {
		ch <- i
	}
	close(ch)
	sum := <-done
	d := time.Since(start)
	if want := n * (n - 1) / 2; sum != want {
		fail("buffered", "sum %d, want %d", sum, want)
	}
	return perOp(d, n)
}

// selectN: k producers, each sending N/k values on its own unbuffered
// channel; main receives all of them with a k-case select.
func selectN(n, k int) float64 {
	per := n / k
	var cs [8]chan int
	for i := 0; i < k; i++ {
		cs[i] = make(chan int)
	}
	start := time.Now()
	for i := 0; i < k; i++ {
		go func(c chan int) {
			for j := 0; j < per; j++ {
				c <- j
			}
		}(cs[i])
	}
	sum := 0
	total := per * k
	if k == 2 {
		for got := 0; got < total; got++ {
			select {
			case v := <-cs[0]:
				sum += v
			case v := <-cs[1]:
				sum += v
			}
		}
	} else {
		for got := 0; got < total; got++ {
			select {
			case v := <-cs[0]:
				sum += v
			case v := <-cs[1]:
				sum += v
			case v := <-cs[2]:
				sum += v
			case v := <-cs[3]:
				sum += v
			case v := <-cs[4]:
				sum += v
			case v := <-cs[5]:
				sum += v
			case v := <-cs[6]:
				sum += v
			case v := <-cs[7]:
				sum += v
			}
		}
	}
	d := time.Since(start)
	if want := k * (per * (per - 1) / 2); sum != want {
		fail(fmt.Sprintf("select%d", k), "sum %d, want %d", sum, want)
	}
	return perOp(d, total)
}

// mutex4: 4 goroutines each lock and unlock one mutex N/4 times, counting.
func mutex4(n int) float64 {
	const workers = 4
	per := n / workers
	var mu sync.Mutex
	var wg sync.WaitGroup
	counter := 0
	start := time.Now()
	wg.Add(workers)
	for w := 0; w < workers; w++ {
		go func() {
			for i := 0; i < per; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
			}
			wg.Done()
		}()
	}
	wg.Wait()
	d := time.Since(start)
	if counter != per*workers {
		fail("mutex4", "counter %d, want %d", counter, per*workers)
	}
	return perOp(d, per*workers)
}

// waitgroup: one WaitGroup.  main adds 4 and waits; 4 goroutines each do
// N/4 Add(1)+Done pairs on it, then one Done.  The counter reaches zero
// only at the end, so Wait blocks once and is woken once.
func waitgroup(n int) float64 {
	const workers = 4
	per := n / workers
	var wg sync.WaitGroup
	start := time.Now()
	wg.Add(workers)
	for w := 0; w < workers; w++ {
		go func() {
			for i := 0; i < per; i++ {
				wg.Add(1)
				wg.Done()
			}
			wg.Done()
		}()
	}
	wg.Wait()
	return perOp(time.Since(start), per*workers)
}

// sieve: the classic concurrent prime sieve (a generator and a chain of
// filter goroutines, one per prime found, all unbuffered) run to the Nth
// prime.  The goroutines are left blocked; the process exits after.
func sieveGenerate(ch chan<- int) {
	for i := 2; ; i++ {
		ch <- i
	}
}

func sieveFilter(in <-chan int, out chan<- int, prime int) {
	for {
		i := <-in
		if i%prime != 0 {
			out <- i
		}
	}
}

func sieve(n int) float64 {
	start := time.Now()
	ch := make(chan int)
	go sieveGenerate(ch)
	prime := 0
	for i := 0; i < n; i++ {
		prime = <-ch
		ch1 := make(chan int)
		go sieveFilter(ch, ch1, prime)
		ch = ch1
	}
	d := time.Since(start)
	if want := nthPrime(n); prime != want {
		fail("sieve", "prime #%d is %d, want %d", n, prime, want)
	}
	fmt.Printf("CHECK sieve %d\n", prime)
	return perOp(d, n)
}

// nthPrime, by trial division: the check for sieve.
func nthPrime(n int) int {
	found := 0
	for p := 2; ; p++ {
		prime := true
		for d := 2; d*d <= p; d++ {
			if p%d == 0 {
				prime = false
				break
			}
		}
		if prime {
			found++
			if found == n {
				return p
			}
		}
	}
}

// fanoutIters sets the size of one fan-out job (about 50 us here).  Same
// constant, same arithmetic in ../c/bench.c, so both do the same work.
const fanoutIters = 20000

func fanoutWork(x uint64) uint64 {
	for i := 0; i < fanoutIters; i++ {
		x ^= x >> 29
		x *= 0xbf58476d1ce4e5b9
		x ^= x >> 32
	}
	return x
}

// fanout: a feeder goroutine sends N job seeds into a buffered channel,
// 8 workers compute and send results into another, main sums them.  The
// suite runs it at 1 and 2 procs; the ratio of the two is the scaling.
func fanout(n int) float64 {
	const workers = 8
	jobs := make(chan uint64, 64)
	results := make(chan uint64, 64)
	start := time.Now()
	for w := 0; w < workers; w++ {
		go func() {
			for j := range jobs {
				results <- fanoutWork(j)
			}
		}()
	}
	go func() {
		for i := 0; i < n; i++ {
			jobs <- uint64(i + 1)
		}
		close(jobs)
	}()
	var sum uint64
	for i := 0; i < n; i++ {
		sum += <-results
	}
	d := time.Since(start)
	fmt.Printf("CHECK fanout %d\n", sum)
	return perOp(d, n)
}

// vmRSS returns the process's resident set size in bytes.
func vmRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		fail("park", "%v", err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := s.Text()
		if strings.HasPrefix(line, "VmRSS:") {
			fields := strings.Fields(line[len("VmRSS:"):])
			kb, err := strconv.ParseInt(fields[0], 10, 64)
			if err != nil {
				fail("park", "bad VmRSS line %q", line)
			}
			return kb * 1024
		}
	}
	fail("park", "no VmRSS in /proc/self/status")
	return 0
}

// park: RSS growth per goroutine with N goroutines blocked on one channel.
// Each goroutine runs (so its stack is in use), says so, and parks.
func park(n int) float64 {
	runtime.GC()
	before := vmRSS()
	gate := make(chan int)
	var started sync.WaitGroup
	started.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			started.Done()
			<-gate
		}()
	}
	started.Wait()
	after := vmRSS()
	if g := runtime.NumGoroutine(); g < n {
		fail("park", "%d goroutines, want at least %d", g, n)
	}
	return float64(after-before) / float64(n)
}

// echo: a TCP echo server and N clients on 127.0.0.1, in one process, one
// goroutine per connection on each side.  Every client connects and waits
// at a gate until all N are connected and accepted; then each sends
// echoMsgs messages of echoSize bytes, one at a time, reads each echo back
// in full and checks it; then it closes its side for writing and checks
// that the echo ends there.  One op: one message round trip, timed from
// the gate's opening to the last client's end.  The p99 of the round
// trips (write to last byte read) is the second figure.
const (
	echoMsgs = 20
	echoSize = 64
)

func echoFill(b []byte, id, m int) {
	for i := range b {
		b[i] = byte(id*131 + m*31 + i)
	}
}

func echo(n int) float64 {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail("echo", "listen: %v", err)
	}
	addr := ln.Addr().String()
	var serving sync.WaitGroup
	var accepted int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return // the listener was closed
			}
			atomic.AddInt64(&accepted, 1)
			serving.Add(1)
			go func() {
				defer serving.Done()
				buf := make([]byte, echoSize)
				for {
					k, err := c.Read(buf)
					if err != nil {
						break
					}
					if _, err := c.Write(buf[:k]); err != nil {
						fail("echo", "server write: %v", err)
					}
				}
				c.Close()
			}()
		}
	}()

	lat := make([]int64, n*echoMsgs)
	var connected, finished sync.WaitGroup
	gate := make(chan struct{})
	connected.Add(n)
	finished.Add(n)
	for i := 0; i < n; i++ {
		go func(id int) {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				fail("echo", "dial: %v", err)
			}
			connected.Done()
			<-gate
			out := make([]byte, echoSize)
			in := make([]byte, echoSize)
			for m := 0; m < echoMsgs; m++ {
				echoFill(out, id, m)
				t0 := time.Now()
				if _, err := c.Write(out); err != nil {
					fail("echo", "client write: %v", err)
				}
				if _, err := io.ReadFull(c, in); err != nil {
					fail("echo", "client read: %v", err)
				}
				lat[id*echoMsgs+m] = time.Since(t0).Nanoseconds()
				if !bytes.Equal(in, out) {
					fail("echo", "connection %d message %d: echo differs", id, m)
				}
			}
			c.(*net.TCPConn).CloseWrite()
			if k, err := c.Read(in); k != 0 || err != io.EOF {
				fail("echo", "connection %d: %d bytes after the end (%v)", id, k, err)
			}
			c.Close()
			finished.Done()
		}(i)
	}
	connected.Wait()
	for atomic.LoadInt64(&accepted) < int64(n) {
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	close(gate)
	finished.Wait()
	d := time.Since(start)
	ln.Close()
	serving.Wait()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	extraValue = float64(lat[len(lat)*99/100])
	return perOp(d, n*echoMsgs)
}

// raiseFileLimit lifts RLIMIT_NOFILE's soft limit to the hard one, as Go
// 1.19's runtime does by itself, said here so that both sides visibly do
// the same.
func raiseFileLimit() {
	var rl syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl) == nil && rl.Cur < rl.Max {
		rl.Cur = rl.Max
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, &rl)
	}
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: gochanbench <bench> [N [WARMUPS]] | list")
		os.Exit(2)
	}
	name := os.Args[1]
	if name == "list" {
		for _, b := range benches {
			fmt.Printf("%-13s N=%-9d %-16s %s\n", b.name, b.defN, b.unit, b.op)
		}
		return
	}
	var b *bench
	for i := range benches {
		if benches[i].name == name {
			b = &benches[i]
		}
	}
	if b == nil {
		fmt.Fprintf(os.Stderr, "gochanbench: unknown benchmark %q (try: list)\n", name)
		os.Exit(2)
	}
	n, warm := b.defN, 1
	if len(os.Args) > 2 {
		v, err := strconv.Atoi(os.Args[2])
		if err != nil || v < 1 {
			fmt.Fprintf(os.Stderr, "gochanbench: bad N %q\n", os.Args[2])
			os.Exit(2)
		}
		n = v
	}
	if len(os.Args) > 3 {
		v, err := strconv.Atoi(os.Args[3])
		if err != nil || v < 0 {
			fmt.Fprintf(os.Stderr, "gochanbench: bad WARMUPS %q\n", os.Args[3])
			os.Exit(2)
		}
		warm = v
	}
	if b.unit != "ns/op" {
		warm = 0
	}
	fmt.Printf("INFO %s n=%d procs=%d\n", name, n, runtime.GOMAXPROCS(0))
	if name == "echo" {
		raiseFileLimit()
	}
	for i := 0; i < warm; i++ {
		b.run(n)
	}
	fmt.Printf("RESULT %s %.2f %s\n", name, b.run(n), b.unit)
	if b.extra != "" {
		fmt.Printf("RESULT %s %.2f %s\n", b.extra, extraValue, b.extraUnit)
	}
}
