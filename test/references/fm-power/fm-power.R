# External reference for the Farrington-Manning non-inferiority power and sample size of src/stats/power.ts
# (farringtonManningPower, farringtonManningSampleSize): the R package rpact, whose getPowerRates /
# getSampleSizeRates use the Farrington & Manning (1990) score-test approximation when thetaH0 != 0
# (rpact documentation of getSampleSizeRates: "thetaH0 ... for testing non-inferiority ... Farrington &
# Manning"). Debian package r-cran-rpact (apt-get install r-cran-rpact); not needed to run remit's tests.
#
# Run from the repository root:
#   Rscript test/references/fm-power/fm-power.R > test/references/fm-power/fm-power.out.txt 2>&1
# It writes test/references/fm-power/fm-power-rpact.json (read by test/stats/power-rpact.test.ts).
#
# Conventions: H0: p1 - p2 <= -margin (group 1 = experimental), one-sided alpha, fixed design (one stage).
# rpact's allocationRatioPlanned is n1/n2; remit's `ratio` is n2/n1.
suppressPackageStartupMessages({ library(rpact); library(jsonlite) })
options(digits = 15, width = 160)
cat(R.version.string, "| rpact", format(packageVersion("rpact")), "| jsonlite", format(packageVersion("jsonlite")), "\n\n")

power_case <- function(p1, p2, margin, n1, n2, alpha) {
  r <- getPowerRates(groups = 2, thetaH0 = -margin, pi1 = p1, pi2 = p2, alpha = alpha, sided = 1,
                     maxNumberOfSubjects = n1 + n2, allocationRatioPlanned = n1 / n2)
  list(p1 = p1, p2 = p2, margin = margin, n1 = n1, n2 = n2, alphaOneSided = alpha, power = r$overallReject)
}
size_case <- function(p1, p2, margin, power, ratio, alpha) {
  r <- getSampleSizeRates(groups = 2, thetaH0 = -margin, pi1 = p1, pi2 = p2, alpha = alpha, beta = 1 - power,
                          sided = 1, allocationRatioPlanned = 1 / ratio)
  list(p1 = p1, p2 = p2, margin = margin, power = power, ratio = ratio, alphaOneSided = alpha,
       n1 = r$nFixed1, n2 = r$nFixed2)
}

powers <- list(
  # domain.md 3.2 back-calculation: n = 115 per arm, p = 0.70 in both arms.
  power_case(0.70, 0.70, 0.10, 115, 115, 0.025),
  power_case(0.70, 0.70, 0.15, 115, 115, 0.025),
  power_case(0.70, 0.70, 0.20, 115, 115, 0.025),
  power_case(0.70, 0.70, 0.15, 115, 115, 0.05),
  # other rates, margins and unequal allocation
  power_case(0.66, 0.66, 0.15, 115, 115, 0.025),
  power_case(0.75, 0.70, 0.10, 80, 160, 0.025),
  power_case(0.50, 0.55, 0.12, 200, 150, 0.025),
  power_case(0.90, 0.90, 0.05, 300, 300, 0.05),
  power_case(0.20, 0.15, 0.10, 60, 60, 0.025)
)
sizes <- list(
  size_case(0.70, 0.70, 0.15, 0.80, 1, 0.025),
  size_case(0.70, 0.70, 0.15, 0.90, 1, 0.025),
  size_case(0.66, 0.66, 0.15, 0.80, 1, 0.025),
  size_case(0.65, 0.70, 0.15, 0.90, 2, 0.025),
  size_case(0.80, 0.75, 0.10, 0.80, 0.5, 0.05),
  size_case(0.30, 0.30, 0.08, 0.85, 1, 0.025)
)
for (x in powers) cat(sprintf("power  p1=%.2f p2=%.2f M=%.2f n1=%d n2=%d alpha=%.3f -> %.15f\n", x$p1, x$p2, x$margin, x$n1, x$n2, x$alphaOneSided, x$power))
for (x in sizes) cat(sprintf("n      p1=%.2f p2=%.2f M=%.2f power=%.2f ratio=%.1f alpha=%.3f -> n1 %.10f n2 %.10f\n", x$p1, x$p2, x$margin, x$power, x$ratio, x$alphaOneSided, x$n1, x$n2))

out <- list(source = paste0("test/references/fm-power/fm-power.R: ", R.version.string, ", rpact ", format(packageVersion("rpact")),
                            " getPowerRates / getSampleSizeRates (thetaH0 = -margin, sided = 1)"),
            tolerance = list(power = 1e-9, n = 1e-6), power = powers, sampleSize = sizes)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "test/references/fm-power/fm-power-rpact.json")
cat("\nwrote test/references/fm-power/fm-power-rpact.json\n")
