// Draws each analytics chart with Chart.js from the data its section carries
// (json_script, never inline code). Colours come from the stylesheet's tokens, so
// the charts use the badges' stage colours; the table beside each chart has its figures.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") return;

  const style = getComputedStyle(document.documentElement);
  const token = (name) => style.getPropertyValue(name).trim();
  // "stage:Offer" is --stage-offer; "series:2" is --chart-2.
  const colour = (name) => {
    const [kind, key] = name.split(":");
    return token(kind === "stage" ? `--stage-${key.toLowerCase()}` : `--chart-${key}`);
  };
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  Chart.defaults.font.family = token("--font");
  Chart.defaults.color = token("--color-text");
  Chart.defaults.borderColor = token("--color-border");

  function draw(canvas) {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source) return;
    const data = JSON.parse(source.textContent);
    if (data.horizontal) {
      // Room for each bar and its label, whatever the number of rows.
      canvas.parentElement.style.height = `${Math.max(10, data.labels.length * 2.5 + 4)}rem`;
    }
    const valueAxis = {
      beginAtZero: true,
      stacked: data.stacked,
      ticks: { precision: data.unit === "days" ? 1 : 0 },
      title: { display: Boolean(data.unit), text: data.unit },
    };
    const labelAxis = { stacked: data.stacked, grid: { display: false } };
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map((series) => ({
          label: series.label,
          data: series.data,
          backgroundColor: Array.isArray(series.colors) ? series.colors.map(colour) : colour(series.colors),
          borderRadius: 3,
          maxBarThickness: 36,
        })),
      },
      options: {
        indexAxis: data.horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: still ? false : { duration: 300 },
        scales: data.horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
        plugins: {
          legend: { display: data.series.length > 1, position: "bottom" },
        },
      },
    });
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
})();
