using OpenVisa.Fuzz;

// ovisa-fuzz list | run TARGET|all [--seconds N] [--seed S] | replay TARGET FILE... | seeds TARGET DIR | afl TARGET
return FuzzProgram.Execute(args);
