// The subcommands of `mltprep`, each a function of the context. The table
// that names them, with their options and help, is in cli.cpp.
#pragma once

#include "context.h"

namespace mltprep::cli {

int bank_validate(Context& context);
int bank_import(Context& context);
int bank_list(Context& context);
int topics(Context& context);
int bank_convert(Context& context);
int bank_export(Context& context);
int drill(Context& context);
int exam(Context& context);
int exams(Context& context);
int resume(Context& context);
int history(Context& context);
int report(Context& context);
int simulate(Context& context);
int stats(Context& context);
int bank_calibrate(Context& context);
int results_export(Context& context);
int instructor_token(Context& context);
int serve(Context& context);
int backup(Context& context);
int restore(Context& context);

}  // namespace mltprep::cli
