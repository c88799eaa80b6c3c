"""What every Python asyncio peer shares: arguments, the RESULT line the runner parses, memory."""
import sys


def args():
    out = {}
    for a in sys.argv[1:]:
        k, _, v = a.partition("=")
        out[k] = v
    return out


def _status(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return -1


def rss_bytes():
    """Current resident set. Python has no heap-after-GC figure like the JVM's, so the memory
    of live tasks is the growth of the resident set (after gc.collect())."""
    return _status("VmRSS")


def emit(values):
    values = dict(values)
    values["peakRssBytes"] = _status("VmHWM")
    print("RESULT " + " ".join(f"{k}={v}" for k, v in values.items()), flush=True)
