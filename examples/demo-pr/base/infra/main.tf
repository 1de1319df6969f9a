provider "aws" {
  region = "eu-west-1"
}

resource "aws_instance" "api" {
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = "t3.medium"

  tags = {
    Name = "shop-api"
  }
}
