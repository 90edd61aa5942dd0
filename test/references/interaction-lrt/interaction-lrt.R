# External reference for src/stats/logistic.ts (grouped-binomial logistic regression) and
# src/stats/interaction.ts (likelihood-ratio test of the arm x subgroup interaction).
#
# Run from the repository root:
#   Rscript test/references/interaction-lrt/interaction-lrt.R > test/references/interaction-lrt/interaction-lrt.out.txt 2>&1
# It writes test/references/interaction-lrt/interaction-lrt-r.json (read by test/stats/interaction.test.ts).
#
# Nothing here uses remit's code. For every case the counts are entered per subgroup level and arm
# (x1/n1 = experimental responders/subjects, x2/n2 = control), and R fits
#   reduced: glm(cbind(x, n - x) ~ level + arm, binomial)   (common odds ratio across levels)
#   full:    glm(cbind(x, n - x) ~ level * arm, binomial)   (one odds ratio per level = saturated)
# and anova(reduced, full, test = "LRT") gives the interaction statistic, its df and p-value.
# Cells with n = 0 are dropped before fitting (R then reports the aliased interaction as NA and one df
# fewer, as remit's rule does). Case "constant-level" shows that a level whose outcome is the same in
# both arms (all 0 or all responders) adds nothing to the statistic but one df in R's count: remit drops
# such a level, so the reference values are R's on the data without it (both fits are printed).
# Case UCBAdmissions is R's built-in table (Bickel et al. 1975, Science 187:398): the model Admit ~ Dept + Gender has
# residual deviance G2 = 20.20 on 5 df, the value quoted for the Berkeley data in Agresti, Categorical Data Analysis.
suppressPackageStartupMessages(library(jsonlite))
options(digits = 15, width = 160)
cat(R.version.string, "| jsonlite", format(packageVersion("jsonlite")), "\n\n")
ctl <- glm.control(epsilon = 1e-15, maxit = 200)

lrt_case <- function(id, levels, x1, n1, x2, n2, note = "") {
  K <- length(levels)
  d <- data.frame(level = factor(rep(levels, 2), levels = levels),
                  arm = factor(rep(c("control", "experimental"), each = K), levels = c("control", "experimental")),
                  x = c(x2, x1), n = c(n2, n1))
  d <- d[d$n > 0, ]
  d$level <- droplevels(d$level)
  red <- suppressWarnings(glm(cbind(x, n - x) ~ level + arm, family = binomial, data = d, control = ctl))
  full <- suppressWarnings(glm(cbind(x, n - x) ~ level * arm, family = binomial, data = d, control = ctl))
  a <- anova(red, full, test = "LRT")
  cat("==", id, "==", note, "\n")
  print(d, row.names = FALSE)
  print(summary(red)$coefficients)
  print(a)
  cat("\n")
  list(id = id, note = note,
       levels = lapply(seq_len(K), function(i) list(level = levels[i], x1 = x1[i], n1 = n1[i], x2 = x2[i], n2 = n2[i])),
       expected = list(
         statistic = a$Deviance[2], df = a$Df[2], pValue = a[["Pr(>Chi)"]][2],
         reducedDeviance = deviance(red), fullDeviance = deviance(full),
         logOddsRatio = unname(coef(red)["armexperimental"]),
         logOddsRatioSe = unname(summary(red)$coefficients["armexperimental", "Std. Error"])))
}

ucb <- UCBAdmissions
cases <- list(
  lrt_case("ucb-admissions", dimnames(ucb)$Dept,
           x1 = ucb["Admitted", "Female", ], n1 = colSums(ucb[, "Female", ]),
           x2 = ucb["Admitted", "Male", ], n2 = colSums(ucb[, "Male", ]),
           "R datasets::UCBAdmissions, experimental = Female, control = Male"),
  lrt_case("four-strata", c("III/IV, UP<3.5", "III/IV, UP>=3.5", "V, UP<3.5", "V, UP>=3.5"),
           x1 = c(41, 22, 9, 3), n1 = c(59, 36, 13, 6), x2 = c(44, 25, 8, 5), n2 = c(60, 35, 13, 6),
           "randomisation strata of the size of the sample trial"),
  lrt_case("sparse-zero-cell", c("III", "III+V", "IV", "IV+V", "V"),
           x1 = c(14, 0, 20, 15, 12), n1 = c(22, 5, 35, 24, 20), x2 = c(15, 3, 24, 14, 11), n2 = c(23, 6, 34, 23, 18),
           "one level with no responder in the experimental arm (full model: fitted probability 0)"),
  lrt_case("empty-arm", c("<30", "30-44", ">=45"),
           x1 = c(30, 25, 0), n1 = c(45, 40, 0), x2 = c(28, 31, 3), n2 = c(44, 42, 4),
           "no experimental subject in level >=45: R drops the aliased interaction (1 df)"),
  lrt_case("two-levels-unbalanced", c("F", "M"),
           x1 = c(62, 13), n1 = c(96, 18), x2 = c(70, 8), n2 = c(97, 16), "sex"),
  lrt_case("all-responders-cell", c("a", "b", "c"),
           x1 = c(7, 10, 4), n1 = c(7, 14, 9), x2 = c(5, 6, 6), n2 = c(8, 13, 9),
           "experimental arm all responders in level a")
)

# constant-level: level "d" has 0/3 vs 0/4 responders. Fit with it (R counts 3 df) and without (2 df).
with_const <- lrt_case("constant-level-included", c("a", "b", "c", "d"),
                       x1 = c(12, 9, 6, 0), n1 = c(20, 15, 10, 3), x2 = c(10, 11, 3, 0), n2 = c(20, 16, 11, 4),
                       "level d: no responder in either arm (R counts its df)")
without <- lrt_case("constant-level", c("a", "b", "c"),
                    x1 = c(12, 9, 6), n1 = c(20, 15, 10), x2 = c(10, 11, 3), n2 = c(20, 16, 11),
                    "the same data without level d: the statistic R gives with d included, on 2 df")
cat("constant level: statistic with d", with_const$expected$statistic, "without", without$expected$statistic, "\n\n")
without$levels <- with_const$levels
without$note <- "level d (0/3 vs 0/4) is uninformative: remit drops it; expected = R without d (statistic equal to R with d, df 2 instead of 3)"
cases[[length(cases) + 1]] <- without

# General logistic regression (ungrouped, continuous covariates): mtcars, am ~ wt + hp.
m <- glm(am ~ wt + hp, family = binomial, data = mtcars, control = ctl)
cat("== mtcars am ~ wt + hp ==\n"); print(summary(m)$coefficients); cat("deviance", deviance(m), "\n\n")
mt <- list(id = "mtcars-am-wt-hp", note = "R datasets::mtcars, glm(am ~ wt + hp, binomial)",
           x = unname(lapply(seq_len(nrow(mtcars)), function(i) c(1, mtcars$wt[i], mtcars$hp[i]))),
           successes = mtcars$am, trials = rep(1, nrow(mtcars)),
           expected = list(coefficients = unname(coef(m)), se = unname(summary(m)$coefficients[, 2]),
                           deviance = deviance(m), nullDeviance = m$null.deviance))

out <- list(source = paste("test/references/interaction-lrt/interaction-lrt.R:", R.version.string,
                           "- stats::glm(binomial) and anova(test = \"LRT\")"),
            tolerance = list(statistic = 1e-8, pValue = 1e-8, coefficient = 1e-7, se = 1e-7, deviance = 1e-8),
            interaction = cases, logistic = list(mt))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "test/references/interaction-lrt/interaction-lrt-r.json")
cat("wrote test/references/interaction-lrt/interaction-lrt-r.json\n")
