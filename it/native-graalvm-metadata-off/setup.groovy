evaluate(new File(itSourceDirectory, 'real-graalvm-tier.groovy')).require()
true
