# Sourced by build/publish.sh and build/bench.sh: this machine's runtime identifier for a ReadyToRun publish.
hap_rid() {
  case "$(uname -m)" in
    x86_64) echo linux-x64 ;;
    aarch64 | arm64) echo linux-arm64 ;;
    *) echo "no ReadyToRun target for $(uname -m)" >&2; return 1 ;;
  esac
}
