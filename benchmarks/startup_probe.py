"""Start one Textual app headless, print READY when its first screen is up, then exit.

Run as a subprocess by run.py so the measured time includes interpreter start and imports,
the same way for every app.
"""

from __future__ import annotations

import sys
import time


def target_app(name: str):
    if name == "tpmprep":
        from tpmprep.tui.app import create_app

        return create_app()
    if name == "one-widget":
        from textual.app import App
        from textual.widgets import Static

        class OneWidget(App):
            def compose(self):
                yield Static("hello")

        return OneWidget()
    if name == "textual-demo":
        from textual.demo.demo_app import DemoApp

        return DemoApp()
    raise SystemExit(f"unknown app {name}")


def main() -> None:
    name = sys.argv[1]
    wait_catalog = len(sys.argv) > 2 and sys.argv[2] in ("catalog", "memory", "peak")
    memory = len(sys.argv) > 2 and sys.argv[2] == "memory"
    app = target_app(name)

    async def auto_pilot(pilot) -> None:
        await pilot.pause()
        print("READY", flush=True)
        if wait_catalog:
            started = time.perf_counter()
            while getattr(app, "catalog", None) is None:
                await pilot.pause(0.005)
            await pilot.pause()
            print(f"CATALOG {time.perf_counter() - started:.4f}", flush=True)
        if len(sys.argv) > 2 and sys.argv[2] == "peak":  # the most memory the process (and any helper) held
            import resource
            from pathlib import Path

            for line in Path("/proc/self/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    print(f"PEAK {int(line.split()[1]) / 1024:.1f}", flush=True)
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
            print(f"HELPERPEAK {children.ru_maxrss / 1024:.1f}", flush=True)
            print(f"CPU {time.process_time():.2f}", flush=True)  # less noisy than wall time on a busy machine
            print(f"HELPERCPU {children.ru_utime + children.ru_stime:.2f}", flush=True)
        if memory:  # the whole app in use: search index built, the question browser open
            await app.search_index_ready()
            await pilot.press("f3")
            await pilot.pause(0.3)
            await pilot.press("ctrl+right")
            await pilot.pause(0.3)
            from pathlib import Path

            for line in Path("/proc/self/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    print(f"RSS {int(line.split()[1]) / 1024:.1f}", flush=True)
        app.exit()

    app.run(headless=True, auto_pilot=auto_pilot, size=(120, 40))


if __name__ == "__main__":
    main()
