// Serilog's static Log.Logger is replaced by every host that starts (UseSerilog without preserveStaticLogger), so a
// host's log lines reach the providers of whichever host started last. The log-scanning test needs its own host's
// providers: test classes of this assembly run one after the other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
