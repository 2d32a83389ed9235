def tier = evaluate(new File(basedir, '../../../it/real-graalvm-tier.groovy').canonicalFile)
tier.require()
tier.copyExample('hello', basedir)
true
