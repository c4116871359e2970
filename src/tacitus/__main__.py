from tacitus.cli import main

main(prog_name="tacitus")
