# External reference for src/stats/logistic.ts (grouped-binomial logistic regression) and
# src/stats/interaction.ts (likelihood-ratio test of the arm x subgroup interaction).
#
# Run from the repository root:
#   Rscript test/references/interaction-lrt/interaction-lrt.R > test/references/interaction-lrt/interaction-lrt.out.txt 2>&1
# It writes test/references/interaction-lrt/interaction-lrt-cases.json in the case format of
# ../shared/reference/README.md ("Case format"), section "X" (remit's own R cross-checks of methods
# ../shared/reference does not cover; test/references/README.md): `remit validate --cases
# test/references/interaction-lrt/interaction-lrt-cases.json` runs every case (CI does, .ci/run), and
# test/stats/interaction.test.ts and test/analyses/subgroups.test.ts read it.
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

r_source <- paste0("test/references/interaction-lrt/interaction-lrt.R: ", R.version.string, ", stats::glm(binomial) with glm.control(epsilon = 1e-15, maxit = 200)")
lrt_tolerance <- list(abs = 1e-8, log_odds_ratio_abs = 1e-7, log_odds_ratio_se_abs = 1e-7,
  note = paste("chisq, df and p abs 1e-8 (glm.control epsilon 1e-15); log odds ratio and its SE abs 1e-7 (summary.glm's SE",
               "uses the working weights of the last IRLS iteration, one step behind the returned coefficients)"))

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
  cat("deviance: level + arm", deviance(red), " level * arm (saturated)", deviance(full), "\n\n")
  list(id = paste0("X-interaction-", id), section = "X", method = "arm_subgroup_interaction_lrt",
       inputs = list(levels = lapply(seq_len(K), function(i) list(level = levels[i], x1 = x1[i], n1 = n1[i], x2 = x2[i], n2 = n2[i])),
                     group1 = "experimental (x1/n1)", group2 = "control (x2/n2)"),
       expected = list(
         chisq = a$Deviance[2], df = a$Df[2], p = a[["Pr(>Chi)"]][2],
         log_odds_ratio = unname(coef(red)["armexperimental"]),
         log_odds_ratio_se = unname(summary(red)$coefficients["armexperimental", "Std. Error"])),
       tolerance = lrt_tolerance,
       source = paste0(r_source, ": rows with n = 0 dropped; red <- glm(cbind(x, n - x) ~ level + arm, binomial); ",
                       "full <- glm(cbind(x, n - x) ~ level * arm, binomial); a <- anova(red, full, test = \"LRT\"); ",
                       "chisq = a$Deviance[2], df = a$Df[2], p = a$\"Pr(>Chi)\"[2]; log_odds_ratio and its SE = coefficient armexperimental of summary(red)"),
       notes = note)
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
cat("constant level: statistic with d", with_const$expected$chisq, "without", without$expected$chisq, "\n\n")
without$inputs$levels <- with_const$inputs$levels
without$source <- paste0(without$source, "; fitted to the data WITHOUT level d (0/3 vs 0/4, in inputs.levels)")
without$notes <- paste("level d (0/3 vs 0/4) is uninformative: remit drops it (a constant outcome); expected = R without d:",
                       "the same chisq as R with d included, on df 2 instead of R's 3 (both fits in interaction-lrt.out.txt)")
cases[[length(cases) + 1]] <- without

# General logistic regression (ungrouped, continuous covariates): mtcars, am ~ wt + hp.
m <- glm(am ~ wt + hp, family = binomial, data = mtcars, control = ctl)
cat("== mtcars am ~ wt + hp ==\n"); print(summary(m)$coefficients); cat("deviance", deviance(m), " null deviance", m$null.deviance, "\n\n")
X <- model.matrix(m)
mt <- list(id = "X-logistic-mtcars-am-wt-hp", section = "X", method = "logistic_regression",
           inputs = list(dataset = "R datasets::mtcars", formula = "am ~ wt + hp", columns = colnames(X),
                         x = unname(lapply(seq_len(nrow(X)), function(i) unname(X[i, ]))),
                         successes = mtcars$am, trials = rep(1, nrow(mtcars))),
           expected = list(coefficients = as.list(coef(m)), se = as.list(summary(m)$coefficients[, "Std. Error"]),
                           deviance = deviance(m), null_deviance = m$null.deviance),
           tolerance = list(abs = 1e-7, rel = 1e-7, deviance_abs = 1e-8, null_deviance_abs = 1e-8,
             note = paste("coefficients and SEs abs or rel 1e-7: summary.glm's SE uses the working weights of the last IRLS iteration,",
                          "one step behind the returned coefficients (the SE from the information at R's final coefficients differs from",
                          "it by 5e-8 relative here); deviances abs 1e-8")),
           source = paste0(r_source, ": m <- glm(am ~ wt + hp, family = binomial, data = mtcars); coef(m), ",
                           "summary(m)$coefficients[, \"Std. Error\"], deviance(m), m$null.deviance"),
           notes = "inputs.x is model.matrix(m) (columns named as R names the coefficients); one trial per car")

writeLines(toJSON(c(cases, list(mt)), auto_unbox = TRUE, digits = NA, pretty = TRUE), "test/references/interaction-lrt/interaction-lrt-cases.json")
cat("wrote test/references/interaction-lrt/interaction-lrt-cases.json\n")
