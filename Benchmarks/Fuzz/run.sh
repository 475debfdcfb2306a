#!/bin/sh
# Coverage-guided fuzzing of the understanding and of the transcript parser with libFuzzer
# (swiftc -sanitize=fuzzer, Linux toolchain). Never part of `swift test`.
#
#   Benchmarks/Fuzz/run.sh [seconds per target, default 120] [jobs, default 1]
#
# Corpora are seeded from Dialogues/ and the held-out utterances and kept in Benchmarks/Fuzz/corpus/ (not in git);
# a crash, a hang (over 5 s for one input) or a leak leaves its input in Benchmarks/Fuzz/findings/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-120}
jobs=${2:-1}
cd "$here"
# SwiftPM compiles the targets and everything they use with coverage instrumentation; each program is then
# linked here with `swiftc -sanitize=fuzzer`, so that libFuzzer's `main` calls LLVMFuzzerTestOneInput (SwiftPM
# would rename and use the target's own `main`).
flags="-c release -Xswiftc -sanitize=fuzzer"
swift build $flags --target FuzzUnderstanding
swift build $flags --target FuzzTranscript
build=$(swift build $flags --show-bin-path)
bin="$build/fuzzers"
mkdir -p "$bin"
link() {
    name=$1; shift
    objects="$build/$name.build/main.swift.o"
    for module in PlugphoneDomain PlugphoneLocalization PlugphoneUnderstanding Yams "$@"; do
        objects="$objects $(ls "$build/$module.build/"*.o)"
    done
    objects="$objects $(find "$build/CYaml.build" -name '*.o')"
    # shellcheck disable=SC2086
    swiftc -sanitize=fuzzer $objects -lstemmer -o "$bin/$name"
}
link FuzzUnderstanding
link FuzzTranscript PlugphoneConversation

mkdir -p corpus/understanding corpus/transcript findings
if [ -z "$(ls corpus/transcript)" ]; then
    find "$root/Dialogues" -name '*.txt' -exec cp {} corpus/transcript/ \;
fi
if [ -z "$(ls corpus/understanding)" ]; then
    # One seed per user turn of the transcripts and per held-out example.
    n=0
    grep -h '^user: ' "$root"/Dialogues/*/*.txt | sed 's/^user: //' | sort -u | while IFS= read -r line; do
        n=$((n + 1)); printf '%s' "$line" > "corpus/understanding/turn-$n"
    done
    grep -h '^ *- ' "$root"/Tests/PlugphoneUnderstandingTests/Fixtures/heldout-*.yml | sed 's/^ *- //' | sort -u | while IFS= read -r line; do
        n=$((n + 1)); printf '%s' "$line" > "corpus/understanding/heldout-$n"
    done
fi

status=0
# Let libFuzzer, not the Swift runtime's backtracer, catch a trap, so that it writes the input that caused it.
export SWIFT_BACKTRACE=enable=no
for target in understanding transcript; do
    case $target in
        understanding) binary=FuzzUnderstanding; max_len=4096 ;;
        transcript) binary=FuzzTranscript; max_len=16384 ;;
    esac
    echo "== $binary: $seconds s"
    parallel=""
    # Several jobs write their logs to fuzz-N.log; one job writes here.
    if [ "$jobs" -gt 1 ]; then parallel="-jobs=$jobs -workers=$jobs"; fi
    # shellcheck disable=SC2086
    "$bin/$binary" "corpus/$target" -max_total_time="$seconds" -timeout=5 -max_len="$max_len" $parallel \
        -artifact_prefix="findings/$target-" -print_final_stats=1 || status=1
done
exit $status
