provider "aws" {
  region = "eu-west-1"
}

resource "aws_instance" "api" {
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = "m5.xlarge"
  monitoring    = true

  tags = {
    Name = "shop-api"
  }
}
