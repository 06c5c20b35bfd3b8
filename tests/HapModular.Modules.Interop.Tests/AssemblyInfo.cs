// One host for the whole project (its SCP, MLLP listener and linked patients): tests run one after the other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
