#!/usr/bin/env bash
# hugo-bench.sh - side-by-side static-site-generator benchmark on the synthetic
# docs corpus (gen-corpus.go). Public tools only: bash, go, GNU /usr/bin/time,
# awk, sort, find, cp. Prints medians with min-max; never trust a single run.
#
#   HUGO=/path/to/hugo bash bench/hugo-bench.sh
#
# Environment (all optional):
#   HUGO        hugo binary                        (default: hugo on PATH)
#   WORK        scratch dir for corpora and output (default: /tmp/docgen-bench)
#   SIZES       page counts, "" for none           (default: "100 1000 10000")
#   RUNS        timed runs per size (+1 warm-up)   (default: 5; 10k uses max(3, RUNS/2))
#   SEED        corpus seed                        (default: 1)
#   PORT        hugo server port on 127.0.0.1      (default: 1313)
#   EDITS       live-reload edits                  (default: 20; 0 skips the server test)
#   RELOAD_SIZE corpus size for the reload test    (default: 1000)
#   SKIP_MEM=1  skip the --renderToMemory runs
#   SKIP_FLOOR=1 skip the lower bounds (cat inputs, cp outputs, goldmark and goldmark+chroma alone via floor/)
#   DOCGEN_BUILD  command template for our tool, run interleaved with hugo on the
#                 SAME content (Markdoc tree); {src} and {out} are replaced, e.g.
#                 DOCGEN_BUILD='docgen build --no-cache --source {src} --dest {out}'
#                 The report then adds paired ratios docgen/hugo (wall, CPU, RSS).
#                 Without --no-cache (or --cache-dir) docgen uses its highlight
#                 cache in ~/.cache, so every run after the first is warm.
#   DOCGEN_WARM   command template for a build with a warm highlight cache and one
#                 page changed; {src}, {out} and {cache} (WORK/docgen-cache-N,
#                 emptied and filled by one untimed run first) are replaced, e.g.
#                 DOCGEN_WARM='docgen build --cache-dir {cache} --source {src} --dest {out}'
#                 Before each timed run a line is appended to one page (restored
#                 at the end). Runs in the same A B C rotation as hugo and
#                 DOCGEN_BUILD; the report adds its paired ratios to hugo's
#                 cold build.
#   DOCGEN        a docgen binary: shorthand for both of the above, quiet, with
#                 DOCGEN_BUILD using --no-cache (either template, when set, wins)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
HUGO=${HUGO:-hugo}
WORK=${WORK:-/tmp/docgen-bench}
SIZES=${SIZES-"100 1000 10000"}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
PORT=${PORT:-1313}
EDITS=${EDITS:-20}
RELOAD_SIZE=${RELOAD_SIZE:-1000}
DOCGEN=${DOCGEN:-}
DOCGEN_BUILD=${DOCGEN_BUILD:-}
DOCGEN_WARM=${DOCGEN_WARM:-}
if [ -n "$DOCGEN" ]; then
	[ -n "$DOCGEN_BUILD" ] || DOCGEN_BUILD="$DOCGEN build --quiet --no-cache --source {src} --dest {out}"
	[ -n "$DOCGEN_WARM" ] || DOCGEN_WARM="$DOCGEN build --quiet --cache-dir {cache} --source {src} --dest {out}"
fi
TIME=/usr/bin/time

command -v "$HUGO" >/dev/null || { echo "hugo-bench: no hugo binary (set HUGO=...)" >&2; exit 2; }
[ -x "$TIME" ] || { echo "hugo-bench: GNU time is needed at $TIME (Debian package: time)" >&2; exit 2; }
mkdir -p "$WORK"

echo "# hugo-bench $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo "# $("$HUGO" version)"
echo "# go: $(go version | awk '{print $3}')  seed=$SEED runs=$RUNS"

# --- corpus ---------------------------------------------------------------
gen() { # gen N
	local n=$1
	[ -d "$WORK/md-$n/content" ] || go run "$HERE/gen-corpus.go" -pages "$n" -seed "$SEED" -out "$WORK/md-$n"
	[ -d "$WORK/hugo-$n/content" ] || go run "$HERE/gen-corpus.go" -pages "$n" -seed "$SEED" -out "$WORK/hugo-$n" -hugo
}

# --- stats ----------------------------------------------------------------
# stat COL FILE -> "median (min-max)" of column COL (1-based) of FILE
stat() {
	sort -g -k"$1","$1" "$2" | awk -v c="$1" '{v[NR]=$c} END {
		if (NR == 0) { print "n/a"; exit }
		m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2
		printf "%.3f (%.3f-%.3f)", m, v[1], v[NR] }'
}
median() {
	sort -g -k"$1","$1" "$2" | awk -v c="$1" '{v[NR]=$c} END {
		if (NR == 0) { print 0; exit }
		print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2 }'
}

# timed FILE CMD... : one run, appends "wall cpu rss_mib user sys" to FILE
timed() {
	local f=$1
	shift
	local t
	t=$(mktemp)
	local rc=0
	"$TIME" -f '%e %U %S %M' -o "$t" "$@" >/dev/null 2>"$t.err" || rc=$?
	# docgen exits 1 when the content has errors (the generated corpus has
	# missing images and anchors on purpose); that is a finished build.
	if [ "$rc" -ne 0 ] && ! { [ "$rc" -eq 1 ] && [ "${1:-}" = bash ] && [ -n "$DOCGEN_BUILD$DOCGEN_WARM" ]; }; then
		echo "hugo-bench: command failed ($rc): $*" >&2
		cat "$t.err" >&2
		rm -f "$t" "$t.err"
		return 1
	fi
	tail -1 "$t" | awk '{printf "%s %.2f %.1f %s %s\n", $1, $2+$3, $4/1024, $2, $3}' >>"$f"
	rm -f "$t" "$t.err"
}

# ratio A B OUT : appends the paired ratios A/B of wall, CPU and peak RSS of
# the last runs in A and B to OUT
ratio() {
	paste -d' ' <(tail -1 "$1") <(tail -1 "$2") |
		awk '{printf "%.4f %.4f %.4f\n", $1/$6, $2/$7, $3/$8}' >>"$3"
}

# edited_page SRC : the page the warm runs change, the same one each time
edited_page() {
	(cd "$1/content" && find . -name '*.md' ! -name 'index.md' | sort | awk 'NR == 1')
}

report() { # report LABEL PAGES FILE
	local label=$1 pages=$2 f=$3
	local mw mc
	mw=$(median 1 "$f")
	mc=$(median 2 "$f")
	printf "%-34s wall s %-24s cpu s %-24s rss MiB %-24s pages/s %6.0f (per cpu-s %6.0f)  n=%d\n" \
		"$label" "$(stat 1 "$f")" "$(stat 2 "$f")" "$(stat 3 "$f")" \
		"$(awk -v p="$pages" -v w="$mw" 'BEGIN{print (w>0)?p/w:0}')" \
		"$(awk -v p="$pages" -v c="$mc" 'BEGIN{print (c>0)?p/c:0}')" "$(wc -l <"$f")"
}

# --- builds ---------------------------------------------------------------
summary=$WORK/res-summary.txt
: >"$summary"
for n in $SIZES; do
	gen "$n"
	runs=$RUNS
	[ "$n" -ge 10000 ] && runs=$(( RUNS / 2 > 3 ? RUNS / 2 : 3 ))
	site=$WORK/hugo-$n
	out=$WORK/out-hugo-$n
	res=$WORK/res-hugo-$n.txt
	resm=$WORK/res-hugo-mem-$n.txt
	resd=$WORK/res-docgen-$n.txt
	resr=$WORK/res-ratio-$n.txt
	resw=$WORK/res-docgen-warm-$n.txt
	resrw=$WORK/res-ratio-warm-$n.txt
	: >"$res"
	: >"$resm"
	: >"$resd"
	: >"$resr"
	: >"$resw"
	: >"$resrw"
	"$HUGO" --quiet -s "$site" -d "$out" >/dev/null # warm-up (page cache, output tree)
	if [ -n "$DOCGEN_BUILD" ]; then
		dcmd=${DOCGEN_BUILD//\{src\}/$WORK/md-$n}
		dcmd=${dcmd//\{out\}/$WORK/out-docgen-$n}
		bash -c "$dcmd" >/dev/null 2>&1 || true # warm-up (exit 1: content errors, expected here)
	fi
	if [ -n "$DOCGEN_WARM" ]; then
		cache=$WORK/docgen-cache-$n
		rm -rf "$cache"
		wcmd=${DOCGEN_WARM//\{src\}/$WORK/md-$n}
		wcmd=${wcmd//\{out\}/$WORK/out-docgen-warm-$n}
		wcmd=${wcmd//\{cache\}/$cache}
		bash -c "$wcmd" >/dev/null 2>&1 || true # fills the cache
		page=$WORK/md-$n/content/$(edited_page "$WORK/md-$n")
		cp "$page" "$WORK/edited-page.orig"
		trap 'mv "$WORK/edited-page.orig" "$page"' EXIT
	fi
	for i in $(seq "$runs"); do
		timed "$res" "$HUGO" --quiet -s "$site" -d "$out"
		if [ -n "$DOCGEN_BUILD" ]; then # interleaved A B A B: pairs share the machine's mood
			timed "$resd" bash -c "exec $dcmd"
			ratio "$resd" "$res" "$resr"
		fi
		if [ -n "$DOCGEN_WARM" ]; then
			printf '\nA line the benchmark adds, run %d.\n' "$i" >>"$page"
			timed "$resw" bash -c "exec $wcmd"
			ratio "$resw" "$res" "$resrw"
		fi
	done
	if [ -n "$DOCGEN_WARM" ]; then
		mv "$WORK/edited-page.orig" "$page"
		trap - EXIT
	fi
	report "hugo build $n pages" "$n" "$res"
	if [ -n "$DOCGEN_BUILD" ]; then
		report "docgen build $n pages" "$n" "$resd"
		printf "%-34s wall %s  cpu %s  rss %s  (paired, <1 = docgen less)\n" "ratio docgen/hugo $n" "$(stat 1 "$resr")" "$(stat 2 "$resr")" "$(stat 3 "$resr")"
	fi
	if [ -n "$DOCGEN_WARM" ]; then
		report "docgen warm, 1 page changed $n" "$n" "$resw"
		printf "%-34s wall %s  cpu %s  rss %s  (paired with hugo's cold build)\n" "ratio warm docgen/hugo $n" "$(stat 1 "$resrw")" "$(stat 2 "$resrw")" "$(stat 3 "$resrw")"
	fi
	if [ -n "$DOCGEN_BUILD$DOCGEN_WARM" ]; then
		# one line per size for the side-by-side summary at the end
		printf "%6d | %6.2f %6.2f %6.0f | %6.2f %6.2f %6.0f | %5.3f %5.3f %5.3f | %6.2f %6.2f %6.0f | %5.3f\n" "$n" \
			"$(median 1 "$res")" "$(median 2 "$res")" "$(median 3 "$res")" \
			"$(median 1 "$resd")" "$(median 2 "$resd")" "$(median 3 "$resd")" \
			"$(median 1 "$resr")" "$(median 2 "$resr")" "$(median 3 "$resr")" \
			"$(median 1 "$resw")" "$(median 2 "$resw")" "$(median 3 "$resw")" \
			"$(median 1 "$resrw")" >>"$summary"
	fi
	if [ -z "${SKIP_MEM:-}" ]; then
		for i in $(seq "$runs"); do
			timed "$resm" "$HUGO" --quiet --renderToMemory -s "$site"
		done
		report "hugo --renderToMemory $n pages" "$n" "$resm"
	fi
	if [ -z "${SKIP_FLOOR:-}" ]; then
		resc=$WORK/res-cat-$n.txt
		resp=$WORK/res-cp-$n.txt
		: >"$resc"
		: >"$resp"
		mkdir -p "$WORK/cp-$n"
		for i in $(seq "$runs"); do
			timed "$resc" sh -c "find '$WORK/md-$n' -type f -print0 | xargs -0 cat >/dev/null"
			timed "$resp" cp -rT "$out" "$WORK/cp-$n"
		done
		report "floor: cat all inputs $n" "$n" "$resc"
		report "floor: cp all outputs $n" "$n" "$resp"
		[ -x "$WORK/floor" ] || (cd "$HERE/floor" && go build -o "$WORK/floor" .)
		for m in goldmark chroma; do
			lbl=$m; [ $m = chroma ] && lbl=goldmark+chroma
			resf=$WORK/res-floor-$m-$n.txt
			: >"$resf"
			for i in $(seq "$runs"); do
				timed "$resf" "$WORK/floor" -dir "$WORK/md-$n" -mode "$m" -out "$WORK/floor-$m-$n"
			done
			report "floor: $lbl alone $n" "$n" "$resf"
		done
		echo "  input $(du -sh --apparent-size "$WORK/md-$n" | cut -f1), output $(du -sh --apparent-size "$out" | cut -f1) in $(find "$out" -type f | wc -l) files"
	fi
done

if [ -s "$summary" ]; then
	echo
	echo "# medians; ratios are medians of the paired ratios (docgen run / hugo run of the same round)"
	echo " pages | hugo cold: wall  cpu  rss | docgen --no-cache: wall  cpu  rss | ratio: wall  cpu  rss | docgen warm, 1 page changed: wall  cpu  rss | warm wall / hugo wall"
	cat "$summary"
fi

# --- live reload ----------------------------------------------------------
if [ "$EDITS" -gt 0 ]; then
	n=$RELOAD_SIZE
	gen "$n"
	site=$WORK/hugo-$n
	go build -o "$WORK/reload-probe" "$HERE/reload-probe.go"
	file=$(cd "$site/content" && find . -name '*.md' ! -name '_index.md' | sort | awk 'NR == 1')
	file=${file#./}
	url="http://127.0.0.1:$PORT/${file%.md}/"
	for mode in disk memory; do
		extra=(-d "$WORK/srv-out") # --renderToMemory and --destination do not mix
		[ "$mode" = memory ] && extra=(--renderToMemory)
		rm -rf "$WORK/srv-out"
		"$HUGO" server --port "$PORT" --bind 127.0.0.1 -s "$site" "${extra[@]}" >"$WORK/hugo-server-$mode.log" 2>&1 &
		spid=$!
		trap 'kill $spid 2>/dev/null || true' EXIT
		echo "hugo server ($mode) on $n pages, editing content/$file"
		"$WORK/reload-probe" -url "$url" -file "$site/content/$file" -n "$EDITS" -ready 600s >"$WORK/reload-$mode.txt" ||
			{ echo "  reload probe failed; server log tail:"; tail -3 "$WORK/hugo-server-$mode.log"; }
		grep -E '^(server ready|reload latency)' "$WORK/reload-$mode.txt" | sed 's/^/  /'
		kill "$spid" 2>/dev/null || true
		wait "$spid" 2>/dev/null || true
		trap - EXIT
		echo "  hugo's own rebuild times (from its log): $(grep -o 'Total in [0-9]* ms' "$WORK/hugo-server-$mode.log" | awk 'NR>1{print $3}' | sort -n | awk '{v[NR]=$1} END{if(NR) printf "median %s ms (min %s, max %s, n=%d)", v[int((NR+1)/2)], v[1], v[NR], NR}')"
	done
fi
