def tier = evaluate(new File(itSourceDirectory, 'real-graalvm-tier.groovy'))
tier.require()
tier.copyExample('hello', basedir)
true
