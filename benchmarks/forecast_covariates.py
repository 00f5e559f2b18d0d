"""Known future values: the same networks with and without `--covariates precio,promo` on a generated shop whose
promotions (15 % of days, at random) add 60 units and whose price moves sales by -4 units per euro. Prints a table."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.helpers import daily_frame  # noqa: E402

from aprende.forecast import ForecastSettings, default_train_config, train_forecaster  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as root:
        path = Path(root) / "ventas.csv"
        daily_frame(n=730, covariates=True).to_csv(path, index=False)
        rows = []
        for label, cov in (("sin", []), ("con", ["precio", "promo"])):
            s = ForecastSettings(models=["mlp", "calendar"], members=3, covariates=cov)
            res = train_forecaster(path, settings=s, cfg=default_train_config(quiet=True), project=root, name=label)
            m = res.metrics
            rows.append((label, m["mlp"]["ratio"], m["calendar"]["ratio"], m.get("autoets", {}).get("ratio")))
        print("| covariates | mlp | calendar | AutoETS |\n|---|---|---|---|")
        for label, a, b, c in rows:
            print(f"| {label} | {a:.3f} | {b:.3f} | {'—' if c is None else f'{c:.3f}'} |")


if __name__ == "__main__":
    main()
