# External reference for the Farrington-Manning non-inferiority power and sample size of src/stats/power.ts
# (farringtonManningPower, farringtonManningSampleSize): the R package rpact, whose getPowerRates /
# getSampleSizeRates use the Farrington & Manning (1990) score-test approximation when thetaH0 != 0
# (rpact documentation of getSampleSizeRates: "thetaH0 ... for testing non-inferiority ... Farrington &
# Manning"). Debian package r-cran-rpact (apt-get install r-cran-rpact); not needed to run remit's tests.
#
# Run from the repository root:
#   Rscript test/references/fm-power/fm-power.R > test/references/fm-power/fm-power.out.txt 2>&1
# It writes test/references/fm-power/fm-power-cases.json in the case format of ../shared/reference/README.md
# ("Case format"), section "X" (remit's own R cross-checks of methods ../shared/reference does not cover;
# test/references/README.md): `remit validate --cases test/references/fm-power/fm-power-cases.json` runs
# every case (CI does, .ci/run), and test/stats/power-rpact.test.ts and test/analyses/subgroups.test.ts read it.
#
# Conventions: H0: p1 - p2 <= -margin (group 1 = experimental), one-sided alpha, fixed design (one stage).
# rpact's allocationRatioPlanned is n1/n2; remit's and the cases' `ratio` is n2/n1 (as statsmodels' in section B).
# Each case's `source` is the exact rpact call, deparsed from the call object that is evaluated.
suppressPackageStartupMessages({ library(rpact); library(jsonlite) })
options(digits = 15, width = 160)
cat(R.version.string, "| rpact", format(packageVersion("rpact")), "| jsonlite", format(packageVersion("jsonlite")), "\n\n")

r_source <- paste0("test/references/fm-power/fm-power.R: ", R.version.string, ", rpact ", format(packageVersion("rpact")), ": ")
call_text <- function(cl) paste(deparse(cl, width.cutoff = 500L), collapse = " ")
alternative <- "p1 - p2 > -margin"
ids <- list(power = 0L, size = 0L)
next_id <- function(kind) {
  ids[[kind]] <<- ids[[kind]] + 1L
  sprintf(if (kind == "power") "X-fm-power-%02d" else "X-fm-power-n-%02d", ids[[kind]])
}

power_case <- function(p1, p2, margin, n1, n2, alpha, notes) {
  cl <- bquote(getPowerRates(groups = 2, thetaH0 = .(-margin), pi1 = .(p1), pi2 = .(p2), alpha = .(alpha), sided = 1,
                             maxNumberOfSubjects = .(n1) + .(n2), allocationRatioPlanned = .(n1) / .(n2)))
  r <- eval(cl)
  list(id = next_id("power"), section = "X", method = "farrington_manning_ni_power",
       inputs = list(p1 = p1, p2 = p2, margin = margin, n1 = n1, n2 = n2, alpha_one_sided = alpha, alternative = alternative),
       expected = list(power = r$overallReject),
       tolerance = list(abs = 1e-9, note = "abs 1e-9: a closed form (normal quantile and CDF of the Farrington-Manning restricted-MLE variance) in rpact and in remit"),
       source = paste0(r_source, call_text(cl), "$overallReject"),
       notes = notes)
}
size_case <- function(p1, p2, margin, power, ratio, alpha, notes) {
  cl <- bquote(getSampleSizeRates(groups = 2, thetaH0 = .(-margin), pi1 = .(p1), pi2 = .(p2), alpha = .(alpha),
                                  beta = 1 - .(power), sided = 1, allocationRatioPlanned = 1 / .(ratio)))
  r <- eval(cl)
  list(id = next_id("size"), section = "X", method = "farrington_manning_ni_samplesize",
       inputs = list(p1 = p1, p2 = p2, margin = margin, power = power, ratio = ratio, alpha_one_sided = alpha, alternative = alternative),
       expected = list(n1 = r$nFixed1, n2 = r$nFixed2, n1_ceiling = ceiling(r$nFixed1)),
       tolerance = list(rel = 1e-9, note = "rel 1e-9: a closed form in rpact (.getSampleSizeFixedRates) and in remit; n1_ceiling, an integer, must be equal"),
       source = paste0(r_source, call_text(cl), "$nFixed1 and $nFixed2 (continuous group sizes); n1_ceiling = ceiling(nFixed1)"),
       notes = notes)
}

domain <- "domain.md 3.2 back-calculation: n = 115 per arm, p = 0.70 in both arms"
powers <- list(
  power_case(0.70, 0.70, 0.10, 115, 115, 0.025, domain),
  power_case(0.70, 0.70, 0.15, 115, 115, 0.025, domain),
  power_case(0.70, 0.70, 0.20, 115, 115, 0.025, domain),
  power_case(0.70, 0.70, 0.15, 115, 115, 0.05, domain),
  power_case(0.66, 0.66, 0.15, 115, 115, 0.025, "another rate"),
  power_case(0.75, 0.70, 0.10, 80, 160, 0.025, "unequal allocation, n2 = 2 n1"),
  power_case(0.50, 0.55, 0.12, 200, 150, 0.025, "unequal allocation, experimental rate below control"),
  power_case(0.90, 0.90, 0.05, 300, 300, 0.05, "high rate, small margin"),
  power_case(0.20, 0.15, 0.10, 60, 60, 0.025, "low rates")
)
sizes <- list(
  size_case(0.70, 0.70, 0.15, 0.80, 1, 0.025, "the trial's design: 80 % power"),
  size_case(0.70, 0.70, 0.15, 0.90, 1, 0.025, "the trial's design: 90 % power"),
  size_case(0.66, 0.66, 0.15, 0.80, 1, 0.025, "another rate"),
  size_case(0.65, 0.70, 0.15, 0.90, 2, 0.025, "ratio n2/n1 = 2, experimental rate below control"),
  size_case(0.80, 0.75, 0.10, 0.80, 0.5, 0.05, "ratio n2/n1 = 0.5"),
  size_case(0.30, 0.30, 0.08, 0.85, 1, 0.025, "low rate, small margin")
)
for (x in powers) with(x$inputs, cat(sprintf("%s power  p1=%.2f p2=%.2f M=%.2f n1=%d n2=%d alpha=%.3f -> %.15f\n", x$id, p1, p2, margin, n1, n2, alpha_one_sided, x$expected$power)))
for (x in sizes) with(x$inputs, cat(sprintf("%s n  p1=%.2f p2=%.2f M=%.2f power=%.2f ratio=%.1f alpha=%.3f -> n1 %.10f n2 %.10f\n", x$id, p1, p2, margin, power, ratio, alpha_one_sided, x$expected$n1, x$expected$n2)))

writeLines(toJSON(c(powers, sizes), auto_unbox = TRUE, digits = NA, pretty = TRUE), "test/references/fm-power/fm-power-cases.json")
cat("\nwrote test/references/fm-power/fm-power-cases.json\n")
